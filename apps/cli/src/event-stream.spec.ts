import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { followEvents, takeEvents, type HubEvent } from './event-stream.js';
import { EXIT } from './exit-codes.js';
import { HubClient } from './http-client.js';

describe('takeEvents', () => {
  it('takes the complete events, keeps an unfinished one, skips heartbeats and non-JSON data', () => {
    const { events, rest } = takeEvents('retry: 3000\nevent: ready\ndata: {"organisation":"coho"}\n\n: keep-alive\n\nevent: inbox\r\ndata: {"change":"added"}\r\n\r\nevent: x\ndata: not json\n\nevent: inbox\ndata: {"cha');
    expect(events).toEqual([
      { type: 'ready', data: { organisation: 'coho' } },
      { type: 'inbox', data: { change: 'added' } },
    ]);
    expect(rest).toBe('event: inbox\ndata: {"cha');
    expect(takeEvents(rest + 'nge":"changed"}\n\n').events).toEqual([{ type: 'inbox', data: { change: 'changed' } }]);
  });
});

describe('followEvents', () => {
  let server: Server;
  let url: string;
  let connections = 0;
  const auth: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      connections++;
      auth.push(String(req.headers.authorization));
      if (connections === 3) {
        res.writeHead(401, { 'Content-Type': 'application/problem+json' }).end(JSON.stringify({ status: 401, title: 'Unauthorized', code: 'AUTH.KEY_REVOKED', detail: 'The key was revoked.' }));
        return;
      }
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      // the first stream: ready and an event in two pieces, then the hub ends it (a restart)
      if (connections === 1) {
        res.write('event: ready\ndata: {"organisation":"coho"}\n\nevent: inbox\ndata: {"change":');
        setTimeout(() => res.end('"added","entryId":"e1"}\n\n'), 20);
      } else res.end('event: ready\ndata: {"organisation":"coho"}\n\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('looks again after each ready, hands over the events, reports a lost stream once per loss, and ends on a refusal', async () => {
    const readies: number[] = [];
    const received: HubEvent[][] = [];
    const troubles: string[][] = [];
    const followed = followEvents(new HubClient(url, 'isac_k.secret'), 10, {
      onReady: async () => void readies.push(connections),
      onEvents: async (events) => void received.push(events),
      onTrouble: (lines) => void troubles.push(lines),
    });
    await expect(followed).rejects.toMatchObject({ exitCode: EXIT.REJECTED, status: 401 });
    expect(readies).toEqual([1, 2]);
    expect(received).toEqual([[{ type: 'inbox', data: { change: 'added', entryId: 'e1' } }]]);
    expect(troubles).toEqual([
      [`the hub at ${url} ended the event stream`, 'still watching; trying again every 0 s'],
      ['hub reachable again'],
      [`the hub at ${url} ended the event stream`, 'still watching; trying again every 0 s'],
    ]);
    expect(auth).toEqual(['Bearer isac_k.secret', 'Bearer isac_k.secret', 'Bearer isac_k.secret']);
  });
});
