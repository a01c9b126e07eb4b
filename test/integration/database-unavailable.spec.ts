import type { ArgumentsHost } from '@nestjs/common';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { isDatabaseUnavailable, ProblemFilter } from '@isac/problems';
import { createTestEnv, type TestEnv } from '../support/test-env.js';

/** What the API answers when PostgreSQL cannot be had in time, with the errors the real driver throws. */
function render(exception: unknown) {
  const headers: Record<string, string> = {};
  const sent: { status?: number; body?: string; type?: string } = {};
  const response = {
    getHeader: (name: string) => headers[name.toLowerCase()],
    setHeader: (name: string, value: string) => void (headers[name.toLowerCase()] = value),
    status(code: number) {
      sent.status = code;
      return this;
    },
    type(type: string) {
      sent.type = type;
      return this;
    },
    send(body: string) {
      sent.body = body;
      return this;
    },
  };
  const host = { switchToHttp: () => ({ getRequest: () => ({ path: '/api/v1/me', originalUrl: '/api/v1/me' }), getResponse: () => response }) } as unknown as ArgumentsHost;
  new ProblemFilter([]).catch(exception, host);
  return { status: sent.status, headers, body: JSON.parse(sent.body!) };
}

describe('a database that cannot be had in time answers 503, not 500', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv();
  });
  afterAll(() => env.dispose());

  it("a pool whose every connection is busy past its wait: pg's own error", async () => {
    const pool = new pg.Pool({ connectionString: env.config.DATABASE_URL, max: 1, connectionTimeoutMillis: 100 });
    const held = await pool.connect();
    try {
      const error = await pool.connect().then(
        () => null,
        (e: unknown) => e,
      );
      expect(isDatabaseUnavailable(error)).toBe(true);
      const answer = render(error);
      expect([answer.status, answer.headers['retry-after'], answer.body.code]).toEqual([503, '1', 'SERVICE.UNAVAILABLE']);
      expect(answer.body.detail).toMatch(/try again/);
    } finally {
      held.release();
      await pool.end();
    }
  });

  it('the same through TypeORM, and a server that refuses connections', async () => {
    const busy = new DataSource({ type: 'postgres', url: env.config.DATABASE_URL, extra: { max: 1, connectionTimeoutMillis: 100 } });
    await busy.initialize();
    const runner = busy.createQueryRunner();
    await runner.connect();
    try {
      const error = await busy.query('SELECT 1').then(
        () => null,
        (e: unknown) => e,
      );
      expect(render(error).status).toBe(503);
    } finally {
      await runner.release();
      await busy.destroy();
    }
    const refused = await new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:1/none', connectionTimeoutMillis: 1000 }).connect().then(
      () => null,
      (e: unknown) => e,
    );
    expect(render(refused).status).toBe(503);
  });

  it('any other database error stays a 500 (logged), never passed off as busy', async () => {
    const source = new DataSource({ type: 'postgres', url: env.config.DATABASE_URL });
    await source.initialize();
    try {
      const error = await source.query('SELECT * FROM no_such_table').then(
        () => null,
        (e: unknown) => e,
      );
      expect(isDatabaseUnavailable(error)).toBe(false);
      expect(render(error).status).toBe(500);
    } finally {
      await source.destroy();
    }
  });
});
