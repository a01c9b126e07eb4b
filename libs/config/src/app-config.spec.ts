import { AppConfig, ConfigError, databaseName, DEVELOPMENT_CURSOR_SECRET_KEY, DEVELOPMENT_WEBHOOK_SECRET_KEY, loadConfig, withDatabase, withoutPassword } from './app-config.js';

describe('loadConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config).toBeInstanceOf(AppConfig);
    expect(config).toMatchObject({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/isac',
      REDIS_URL: 'redis://127.0.0.1:6379',
      REDIS_PREFIX: 'isac',
      PORT: 3000,
      LOG_LEVEL: 'info',
    });
  });

  it('reads given values and converts PORT to a number', () => {
    const config = loadConfig({ PORT: '8080', LOG_LEVEL: 'debug', REDIS_URL: 'redis://cache:6380/2' });
    expect(config.PORT).toBe(8080);
    expect(config.LOG_LEVEL).toBe('debug');
    expect(config.REDIS_URL).toBe('redis://cache:6380/2');
  });

  it('reads MAX_BUNDLE_BYTES as a number, 64 MB by default', () => {
    expect(loadConfig({}).MAX_BUNDLE_BYTES).toBe(64 * 1024 * 1024);
    expect(loadConfig({ MAX_BUNDLE_BYTES: '1048576' }).MAX_BUNDLE_BYTES).toBe(1048576);
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ PORT: '' }).PORT).toBe(3000);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://root@localhost/isac'],
    ['REDIS_URL', 'http://localhost:6379'],
    ['LOG_LEVEL', 'loud'],
    ['REDIS_PREFIX', 'has space'],
    ['MAX_BUNDLE_BYTES', '64MB'],
    ['MAX_BUNDLE_BYTES', '10'],
    ['WEBHOOK_ALLOWED_NETWORKS', '10.0.0.0/8,intranet'],
    ['REDIS_SENTINELS', '10.0.0.1'],
    ['REDIS_SENTINELS', '10.0.0.1:26379;10.0.0.2:26379'],
    ['REDIS_SENTINEL_NAME', 'my master'],
    ['REDIS_CLUSTER_NODES', '10.0.0.1'],
    ['REDIS_CLUSTER_NODES', '10.0.0.1:6379 10.0.0.2:6379'],
    ['WORKER_HEALTH_PORT', '-1'],
  ])('refuses %s=%s naming the variable', (variable, value) => {
    let error: unknown;
    try {
      loadConfig({ [variable]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems.map((p) => p.variable)).toEqual([variable]);
    expect((error as Error).message).toContain(variable);
  });

  it('reads REDIS_CLUSTER_NODES, exclusive with REDIS_SENTINELS and only with database 0', () => {
    expect(loadConfig({}).REDIS_CLUSTER_NODES).toBe('');
    expect(loadConfig({ REDIS_CLUSTER_NODES: '10.0.0.1:6379,redis-2.internal:6380' }).REDIS_CLUSTER_NODES).toBe('10.0.0.1:6379,redis-2.internal:6380');
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: '10.0.0.1:6379', REDIS_SENTINELS: '10.0.0.1:26379' })).toThrow(
      /^invalid configuration: REDIS_CLUSTER_NODES="10\.0\.0\.1:6379" and REDIS_SENTINELS are exclusive/,
    );
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: '10.0.0.1:6379', REDIS_URL: 'redis://:pw@x:6379/2' })).toThrow('REDIS_CLUSTER_NODES="10.0.0.1:6379" needs database 0 in REDIS_URL');
    expect(loadConfig({ REDIS_CLUSTER_NODES: '10.0.0.1:6379', REDIS_URL: 'redis://:pw@x:6379/0' }).REDIS_CLUSTER_NODES).toBe('10.0.0.1:6379');
  });

  it('reads WEBHOOK_ALLOWED_NETWORKS, none by default, and says which entry is not a network', () => {
    expect(loadConfig({}).WEBHOOK_ALLOWED_NETWORKS).toBe('');
    expect(loadConfig({ WEBHOOK_ALLOWED_NETWORKS: '10.20.0.0/16, fd00::/8' }).WEBHOOK_ALLOWED_NETWORKS).toBe('10.20.0.0/16, fd00::/8');
    expect(() => loadConfig({ WEBHOOK_ALLOWED_NETWORKS: '10.0.0.0/33' })).toThrow('WEBHOOK_ALLOWED_NETWORKS="10.0.0.0/33" must be a comma-separated list of networks: "10.0.0.0/33" is not a network such as 10.20.0.0/16 or fd00::/8');
  });

  it('reads MAX_JSON_BYTES as a number, 1 MB by default', () => {
    expect(loadConfig({}).MAX_JSON_BYTES).toBe(1024 * 1024);
    expect(loadConfig({ MAX_JSON_BYTES: '4096' }).MAX_JSON_BYTES).toBe(4096);
    expect(() => loadConfig({ MAX_JSON_BYTES: '1MB' })).toThrow('MAX_JSON_BYTES');
  });

  it('uses the development webhook key by default, and refuses it when NODE_ENV=production', () => {
    expect(loadConfig({}).WEBHOOK_SECRET_KEY).toBe(DEVELOPMENT_WEBHOOK_SECRET_KEY);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/WEBHOOK_SECRET_KEY=.*must be set when NODE_ENV=production/);
    expect(() => loadConfig({ NODE_ENV: 'production', WEBHOOK_SECRET_KEY: DEVELOPMENT_WEBHOOK_SECRET_KEY })).toThrow('WEBHOOK_SECRET_KEY');
    const key = Buffer.alloc(32, 7).toString('base64');
    const cursorKey = Buffer.alloc(32, 8).toString('base64');
    expect(loadConfig({ NODE_ENV: 'production', WEBHOOK_SECRET_KEY: key, CURSOR_SECRET_KEY: cursorKey }).WEBHOOK_SECRET_KEY).toBe(key);
  });

  it('uses the development cursor key by default, and refuses it when NODE_ENV=production, without echoing it', () => {
    expect(loadConfig({}).CURSOR_SECRET_KEY).toBe(DEVELOPMENT_CURSOR_SECRET_KEY);
    const webhookKey = Buffer.alloc(32, 7).toString('base64');
    expect(() => loadConfig({ NODE_ENV: 'production', WEBHOOK_SECRET_KEY: webhookKey })).toThrow(/CURSOR_SECRET_KEY="\(hidden\)" must be set when NODE_ENV=production/);
    expect(() => loadConfig({ CURSOR_SECRET_KEY: 'short' })).toThrow('CURSOR_SECRET_KEY="(hidden)" must be 32 bytes in base64');
    const key = Buffer.alloc(32, 9).toString('base64');
    expect(loadConfig({ NODE_ENV: 'production', WEBHOOK_SECRET_KEY: webhookKey, CURSOR_SECRET_KEY: key }).CURSOR_SECRET_KEY).toBe(key);
  });

  it.each([
    ['too short', Buffer.alloc(16, 1).toString('base64')],
    ['hex, not base64', 'ab'.repeat(32)],
    ['not base64', '!'.repeat(43) + '='],
  ])('refuses a webhook key that is %s, without echoing it', (_, value) => {
    let error: unknown;
    try {
      loadConfig({ WEBHOOK_SECRET_KEY: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain('WEBHOOK_SECRET_KEY="(hidden)" must be 32 bytes in base64');
    expect((error as Error).message).not.toContain(value);
  });

  it('never echoes the password of a wrong DATABASE_URL or REDIS_URL', () => {
    let error: unknown;
    try {
      loadConfig({ DATABASE_URL: 'postgres://hub:s3cr3t-pw@db.internal:5432/isac-prod', REDIS_URL: 'redis://:r3dis-pw@cache.internal:6379/x' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('DATABASE_URL="postgres://hub:***@db.internal:5432/isac-prod"');
    expect(message).toContain('REDIS_URL="redis://:***@cache.internal:6379/x"');
    expect(message).not.toMatch(/s3cr3t-pw|r3dis-pw/);
  });

  it('masks only the password of a URL', () => {
    expect(withoutPassword('postgres://hub:pw@db/isac')).toBe('postgres://hub:***@db/isac');
    expect(withoutPassword('postgres://hub@db/isac')).toBe('postgres://hub@db/isac');
    expect(withoutPassword('not a url')).toBe('not a url');
  });

  it('names every wrong variable at once', () => {
    expect(() => loadConfig({ PORT: 'x', LOG_LEVEL: 'y' })).toThrow(/PORT=.*LOG_LEVEL=|LOG_LEVEL=.*PORT=/);
  });
});

describe('database URL helpers', () => {
  it('reads and replaces the database name', () => {
    expect(databaseName('postgres://postgres@127.0.0.1:5432/isac')).toBe('isac');
    expect(withDatabase('postgres://postgres@127.0.0.1:5432/isac', 'isac_test_1')).toBe(
      'postgres://postgres@127.0.0.1:5432/isac_test_1',
    );
  });
});
