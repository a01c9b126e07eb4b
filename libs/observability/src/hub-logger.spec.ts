import { HubLogger, type LogLevel } from './hub-logger.js';
import { requestContext } from './request-context.js';

function capture(level: LogLevel) {
  const out: string[] = [];
  const err: string[] = [];
  const logger = new HubLogger(level, 'test', { out: { write: (l: string) => out.push(l) }, err: { write: (l: string) => err.push(l) } });
  return { logger, out, err };
}

describe('HubLogger', () => {
  it('writes one JSON object per line with the level by name, an ISO time, the service, context and fields', () => {
    const { logger, out } = capture('info');
    logger.log({ msg: 'seeded', organisations: 19 }, 'NetworkSeeder');
    expect(out).toHaveLength(1);
    expect(out[0].endsWith('\n')).toBe(true);
    const entry = JSON.parse(out[0]);
    expect(entry).toMatchObject({ level: 'info', service: 'test', context: 'NetworkSeeder', msg: 'seeded', organisations: 19 });
    expect(entry.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('drops lines below the configured level and sends errors, once, to stderr', () => {
    const { logger, out, err } = capture('warn');
    logger.log('hidden');
    logger.debug('hidden');
    logger.warn('shown');
    logger.error('failed', 'Error: x\n    at y', 'Ctx');
    expect(out.map((l) => JSON.parse(l).msg)).toEqual(['shown']);
    expect(err).toHaveLength(1);
    expect(JSON.parse(err[0])).toMatchObject({ level: 'error', msg: 'failed', context: 'Ctx', stack: 'Error: x\n    at y' });
  });

  it('maps Nest verbose to trace and fatal to fatal; silent writes nothing', () => {
    const { logger, out, err } = capture('trace');
    logger.verbose('details');
    logger.fatal('gone');
    expect(JSON.parse(out[0]).level).toBe('trace');
    expect(JSON.parse(err[0]).level).toBe('fatal');
    const silent = capture('silent');
    silent.logger.error('nothing');
    expect([...silent.out, ...silent.err]).toEqual([]);
  });

  it('carries the request id and key prefix of the request being served, and leaves the request context as it was', () => {
    const { logger, out } = capture('info');
    const context = { requestId: 'req-42', keyPrefix: 'abcd1234' };
    requestContext.run(context, () => logger.log({ msg: 'inside', extra: 1 }));
    logger.log('outside');
    expect(JSON.parse(out[0])).toMatchObject({ requestId: 'req-42', keyPrefix: 'abcd1234', msg: 'inside' });
    expect(JSON.parse(out[1]).requestId).toBeUndefined();
    expect(context).toEqual({ requestId: 'req-42', keyPrefix: 'abcd1234' });
  });

  it('redacts credentials at the top and in headers, configurations and webhooks, and a database URL down to its password', () => {
    const { logger, out } = capture('info');
    logger.log({
      msg: 'config',
      headers: { authorization: 'Bearer isac_live.supersecret', cookie: 'sid=1' },
      req: { headers: { authorization: 'Basic dXNlcjpzdXBlcnNlY3JldA==' } },
      webhook: { secret: 'whsec-supersecret', url: 'https://receiver.example/hook' },
      apiKey: 'isac_live.supersecret',
      DATABASE_URL: 'postgres://hub:supersecret@db:5432/hub',
      config: { REDIS_URL: 'redis://:supersecret@cache:6379/0', CURSOR_SECRET_KEY: 'c3VwZXJzZWNyZXQ=', PORT: 8080 },
    });
    const line = out[0];
    expect(line).not.toContain('supersecret');
    expect(line).not.toContain('dXNlcjpzdXBlcnNlY3JldA');
    const entry = JSON.parse(line);
    expect(entry.headers).toEqual({ authorization: '[redacted]', cookie: '[redacted]' });
    expect(entry.DATABASE_URL).toBe('postgres://hub:[redacted]@db:5432/hub');
    expect(entry.webhook.url).toBe('https://receiver.example/hook');
    expect(entry.config).toEqual({ REDIS_URL: 'redis://:[redacted]@cache:6379/0', CURSOR_SECRET_KEY: '[redacted]', PORT: 8080 });
  });

  it('takes the password out of a connection string in free text and in a stack', () => {
    const { logger, err } = capture('info');
    logger.error('cannot connect to postgres://hub:supersecret@db/hub', 'Error: postgres://hub:supersecret@db/hub\n    at y', 'Boot');
    expect(err[0]).not.toContain('supersecret');
    expect(JSON.parse(err[0]).msg).toBe('cannot connect to postgres://hub:[redacted]@db/hub');
  });
});
