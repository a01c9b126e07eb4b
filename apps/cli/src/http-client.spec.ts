import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CliError, EXIT } from './exit-codes.js';
import { HubClient, HubRequestError } from './http-client.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

describe('the HTTP client', () => {
  let server: Server;
  let base: string;
  const seen: Seen[] = [];
  let answer: { status: number; type: string; body: string } = { status: 200, type: 'application/json', body: '{}' };

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c)).on('end', () => {
        seen.push({ method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks) });
        res.writeHead(answer.status, { 'Content-Type': answer.type }).end(answer.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  beforeEach(() => (seen.length = 0));

  it('sends the key as Bearer, JSON bodies, and the query without unset values', async () => {
    answer = { status: 201, type: 'application/json; charset=utf-8', body: '{"id":"a1"}' };
    const res = await new HubClient(base, 'isac_1.secret').request<{ id: string }>('POST', '/api/v1/alerts', { json: { title: 'x' }, query: { unread: true, cursor: undefined, limit: 5 }, headers: { 'Idempotency-Key': 'k1' } });
    expect(res).toEqual({ status: 201, body: { id: 'a1' }, contentType: 'application/json; charset=utf-8' });
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/api/v1/alerts?unread=true&limit=5' });
    expect(seen[0].headers).toMatchObject({ authorization: 'Bearer isac_1.secret', 'content-type': 'application/json', 'idempotency-key': 'k1' });
    expect(JSON.parse(seen[0].body.toString())).toEqual({ title: 'x' });
  });

  it('streams a large body whole, reporting progress up to its size', async () => {
    answer = { status: 200, type: 'application/json', body: '{"ok":true}' };
    const bytes = new Uint8Array(3 * 1024 * 1024 + 17).map((_, i) => i % 251);
    const progress: number[] = [];
    await new HubClient(base, 'k').request('POST', '/api/v1/incidents', { raw: bytes, contentType: 'application/stix+json;version=2.1', onUpload: (sent) => progress.push(sent) });
    expect(Buffer.compare(seen[0].body, Buffer.from(bytes))).toBe(0);
    expect(seen[0].headers['content-type']).toBe('application/stix+json;version=2.1');
    expect(progress.length).toBeGreaterThan(10);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(bytes.length);
  });

  it('turns a problem document into an error with exit code 1 and a line per pointer', async () => {
    answer = { status: 422, type: 'application/problem+json', body: JSON.stringify({ status: 422, code: 'INCIDENT.BUNDLE_REJECTED', detail: 'Rejected.', errors: [{ pointer: '/objects/0/id', detail: 'bad id' }] }) };
    const error = await new HubClient(base, 'k').get('/api/v1/incidents').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubRequestError);
    expect(error).toMatchObject({ exitCode: EXIT.REJECTED, status: 422, lines: ['error: Rejected. [INCIDENT.BUNDLE_REJECTED]', '/objects/0/id: bad id'] });
  });

  it('answers 5xx and a hub that is not there with exit code 3', async () => {
    answer = { status: 503, type: 'text/html', body: '<h1>down</h1>' };
    await expect(new HubClient(base, 'k').get('/api/v1/me')).rejects.toMatchObject({ exitCode: EXIT.UNAVAILABLE, lines: ['error: the hub answered HTTP 503: <h1>down</h1>'] });
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await new HubClient(`http://127.0.0.1:${port}`, 'k').get('/api/v1/me').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect(error).toMatchObject({ exitCode: EXIT.UNAVAILABLE, lines: [`error: cannot reach the hub at http://127.0.0.1:${port} (ECONNREFUSED)`] });
  });

  it('does not follow a redirect, so the key never goes to another address', async () => {
    answer = { status: 200, type: 'application/json', body: '{}' };
    const redirecting = createServer((req, res) => res.writeHead(307, { Location: `${base}/elsewhere` }).end());
    await new Promise<void>((resolve) => redirecting.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(redirecting.address() as AddressInfo).port}`;
    try {
      await expect(new HubClient(url, 'k').get('/api/v1/me')).rejects.toMatchObject({ exitCode: EXIT.USAGE, lines: [`error: the hub at ${url} redirects to ${base}/elsewhere; log in with the hub's own URL`] });
      expect(seen).toEqual([]);
    } finally {
      await new Promise((resolve) => redirecting.close(resolve));
    }
  });

  it('gives documents back as text', async () => {
    answer = { status: 200, type: 'text/calendar; charset=utf-8', body: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n' };
    expect(await new HubClient(base, 'k').text('/api/v1/meetings/m/meeting.ics')).toEqual({ body: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n', contentType: 'text/calendar; charset=utf-8' });
  });
});
