import express from 'express';
import request from 'supertest';
import { HubLogger } from './hub-logger.js';
import { requestLogging } from './request-logging.middleware.js';

const KEY = 'isac_0badc0de.Zm9yLXRlc3RzLW9ubHktbm90LWEtcmVhbC1rZXktYXQtYWxs';

describe('requestLogging on pino', () => {
  function app(level: 'info' | 'warn') {
    const lines: string[] = [];
    const logger = new HubLogger(level, 'test', { out: { write: (l: string) => lines.push(l) } });
    const server = express();
    server.use(requestLogging(logger));
    server.get('/things', (req, res) => {
      // what a careless handler might log: the whole header set, and a config with its secrets
      logger.log(
        { msg: 'handling', headers: req.headers, config: { DATABASE_URL: 'postgres://hub:dbpass-xyz@db/hub', WEBHOOK_SECRET_KEY: 'a2V5LWtleS1rZXk=' } },
        'Things',
      );
      (req as express.Request & { principal?: unknown }).principal = { keyPrefix: '0badc0de', organisation: { slug: 'energy' } };
      res.json([]);
    });
    return { server, lines };
  }

  it('logs one request line with the request id, key prefix and organisation, and never the key or another secret', async () => {
    const { server, lines } = app('info');
    const res = await request(server)
      .get('/things?x=1')
      .set('Authorization', `Bearer ${KEY}`)
      .set('X-Request-Id', 'req-7')
      .set('Cookie', `key=${KEY}`)
      .expect(200);
    expect(res.headers['x-request-id']).toBe('req-7');
    const entries = lines.map((l) => JSON.parse(l));
    expect(entries.map((e) => e.msg)).toEqual(['handling', 'request']);
    expect(entries[0]).toMatchObject({ requestId: 'req-7', context: 'Things', headers: { authorization: '[redacted]', cookie: '[redacted]' } });
    expect(entries[1]).toMatchObject({
      level: 'info',
      requestId: 'req-7',
      context: 'HTTP',
      method: 'GET',
      path: '/things?x=1',
      status: 200,
      key: '0badc0de',
      org: 'energy',
    });
    const output = lines.join('');
    for (const secret of [KEY, KEY.split('.')[1], 'dbpass-xyz', 'a2V5LWtleS1rZXk=']) expect(output).not.toContain(secret);
    // the line's fields in the order operators' searches and the process test read them
    expect(lines[1]).toMatch(/"msg":"request","method":"GET","path":"\/things\?x=1","status":200/);
  });

  it('gives a request without a sane id its own, and writes nothing when info is off', async () => {
    const { server, lines } = app('warn');
    const res = await request(server).get('/things').set('X-Request-Id', 'bad id with spaces').expect(200);
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines).toEqual([]);
  });
});
