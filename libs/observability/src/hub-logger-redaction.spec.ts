import express from 'express';
import request from 'supertest';
import { HubLogger } from './hub-logger.js';
import { requestLogging } from './request-logging.middleware.js';

// Secrets reaching a log line through the shapes the hub's own code logs them in: an error turned to
// text in an object field (`err: String(error)`, the pattern of the problem filters and the sweeps),
// an Error object as a field, a stack passed with an object message, and a request's query string.
function capture() {
  const lines: string[] = [];
  const logger = new HubLogger('info', 'test', { out: { write: (l: string) => lines.push(l) } });
  return { logger, lines };
}

const DB_URL = 'postgres://hub:pg-pass-1234@db:5432/hub';
const KEY = 'isac_0badc0de.c2VjcmV0LWtleS1ub3QtZm9yLWxvZ3M';

describe('HubLogger: secrets inside the text of logged fields', () => {
  it('takes the password out of a connection string in an error logged as a field, as it does in free text', () => {
    const { logger, lines } = capture();
    const error = new Error(`connect failed for ${DB_URL}`);
    logger.error({ msg: 'unhandled error', path: '/api/v1/advisories', err: String(error.stack) });
    logger.warn({ msg: `${DB_URL} refused`, err: error.message });
    expect(lines.join('')).not.toContain('pg-pass-1234');
    expect(JSON.parse(lines[0]).err).toContain('postgres://hub:[redacted]@db:5432/hub');
  });

  it('takes it out of an Error object logged as a field, and of a stack passed with an object message', () => {
    const { logger, lines } = capture();
    logger.error({ msg: 'job failed', err: new Error(`cannot reach ${DB_URL}`) });
    logger.error({ msg: 'boot failed' }, `Error: cannot reach ${DB_URL}\n    at boot`, 'Boot');
    expect(lines).toHaveLength(2);
    expect(lines.join('')).not.toContain('pg-pass-1234');
    expect(JSON.parse(lines[0]).err.message).toBe('cannot reach postgres://hub:[redacted]@db:5432/hub');
  });

  it('does not write a key or token a client put in the query string into the request line', async () => {
    const { logger, lines } = capture();
    const server = express();
    server.use(requestLogging(logger));
    server.get('/things', (_req, res) => res.status(401).json({}));
    await request(server)
      .get(`/things?limit=5&api_key=${encodeURIComponent(KEY)}&token=tok-5678&Password=pw-9012`)
      .expect(401);
    const line = JSON.parse(lines[0]);
    for (const secret of [KEY, encodeURIComponent(KEY), 'c2VjcmV0LWtleS1ub3QtZm9yLWxvZ3M', 'tok-5678', 'pw-9012']) expect(lines[0]).not.toContain(secret);
    expect(line.path).toBe('/things?limit=5&api_key=[redacted]&token=[redacted]&Password=[redacted]');
  });
});
