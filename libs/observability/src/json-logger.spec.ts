import { JsonLogger } from './json-logger.js';
import { requestContext } from './request-context.js';

function capture(level: ConstructorParameters<typeof JsonLogger>[0]) {
  const out: string[] = [];
  const err: string[] = [];
  const logger = new JsonLogger(level, 'test', (l) => out.push(l), (l) => err.push(l));
  return { logger, out, err };
}

describe('JsonLogger', () => {
  it('writes one JSON object per line with level, context and fields', () => {
    const { logger, out } = capture('info');
    logger.log({ msg: 'seeded', organisations: 19 }, 'NetworkSeeder');
    const entry = JSON.parse(out[0]);
    expect(entry).toMatchObject({ level: 'info', service: 'test', context: 'NetworkSeeder', msg: 'seeded', organisations: 19 });
    expect(Date.parse(entry.time)).not.toBeNaN();
  });

  it('drops lines below the configured level and sends errors to stderr', () => {
    const { logger, out, err } = capture('warn');
    logger.log('hidden');
    logger.debug('hidden');
    logger.warn('shown');
    logger.error('failed', 'Error: x\n    at y', 'Ctx');
    expect(out.map((l) => JSON.parse(l).msg)).toEqual(['shown']);
    expect(JSON.parse(err[0])).toMatchObject({ level: 'error', msg: 'failed', context: 'Ctx', stack: 'Error: x\n    at y' });
  });

  it('carries the request id of the request being served', () => {
    const { logger, out } = capture('info');
    requestContext.run({ requestId: 'req-42' }, () => logger.log('inside'));
    logger.log('outside');
    expect(JSON.parse(out[0]).requestId).toBe('req-42');
    expect(JSON.parse(out[1]).requestId).toBeUndefined();
  });
});
