// A publish whose answer is lost (the hub process died mid-request, or the balancer had no hub to
// give it to) is tried again with the same Idempotency-Key, so that it lands once; nothing else is.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EXIT } from './exit-codes.js';
import { HubClient, HubRequestError } from './http-client.js';

type Reaction = 'drop' | number;

describe('the HTTP client tries a keyed POST again when the hub could not answer', () => {
  let server: Server;
  let base: string;
  const seen: { method: string; headers: IncomingHttpHeaders; body: string }[] = [];
  let reactions: Reaction[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req
        .on('data', (c: Buffer) => chunks.push(c))
        .on('end', () => {
          seen.push({ method: req.method!, headers: req.headers, body: Buffer.concat(chunks).toString() });
          const reaction = reactions.shift() ?? 201;
          // the connection closes with no answer at all, as when the API process is killed
          if (reaction === 'drop') return req.socket.destroy();
          res.writeHead(reaction, { 'Content-Type': 'application/json' }).end(reaction < 300 ? '{"id":"a1"}' : '{"code":"SERVICE.UNAVAILABLE","title":"down"}');
        });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  beforeEach(() => (seen.length = 0));

  const keyed = { 'Idempotency-Key': 'isac-cli:k1' };

  it('a dropped connection, then a 503: the third try lands, every try with the same key and body', async () => {
    reactions = ['drop', 503, 201];
    const answer = await new HubClient(base, 'k').post<{ id: string }>('/api/v1/advisories', { title: 'x' }, keyed);
    expect(answer).toEqual({ id: 'a1' });
    expect(seen.map((s) => s.headers['idempotency-key'])).toEqual(['isac-cli:k1', 'isac-cli:k1', 'isac-cli:k1']);
    expect(new Set(seen.map((s) => s.body))).toEqual(new Set(['{"title":"x"}']));
  });

  it('502 and 504 from a balancer are tried again too', async () => {
    reactions = [502, 504, 201];
    await expect(new HubClient(base, 'k').post('/api/v1/alerts', { title: 'x' }, keyed)).resolves.toEqual({ id: 'a1' });
    expect(seen).toHaveLength(3);
  });

  it('gives up after five tries and says the hub could not answer', async () => {
    reactions = [503, 503, 503, 503, 503, 201];
    const error = await new HubClient(base, 'k').post('/api/v1/advisories', { title: 'x' }, keyed).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubRequestError);
    expect(error).toMatchObject({ status: 503, exitCode: EXIT.UNAVAILABLE });
    expect(seen).toHaveLength(5);
    reactions = [];
  }, 20_000);

  it('a 500 is an answer, not a lost one: no second try', async () => {
    reactions = [500, 201];
    await expect(new HubClient(base, 'k').post('/api/v1/advisories', { title: 'x' }, keyed)).rejects.toMatchObject({ status: 500 });
    expect(seen).toHaveLength(1);
    reactions = [];
  });

  it('a POST without a key is never sent twice (the hub could not tell a retry from a second request)', async () => {
    reactions = ['drop', 201];
    await expect(new HubClient(base, 'k').post('/api/v1/advisories/a1/forward', { organisations: ['x'] })).rejects.toMatchObject({
      exitCode: EXIT.UNAVAILABLE,
    });
    expect(seen).toHaveLength(1);
    reactions = [];
  });
});
