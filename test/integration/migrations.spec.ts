import { createDataSource, ensureDatabase, migrate, ALL_MIGRATIONS } from '@isac/persistence';
import { createTestEnv, type TestEnv } from '../support/test-env.js';
import { adminQuery } from '../support/test-run.js';

describe('migrations', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv({ migrated: false });
  });
  afterAll(() => env.dispose());

  it('create a missing database, then leave an existing one alone', async () => {
    const name = env.database + '_fresh';
    const url = env.config.DATABASE_URL.replace(env.database, name);
    try {
      await expect(ensureDatabase(url)).resolves.toBe(true);
      await expect(ensureDatabase(url)).resolves.toBe(false);
      expect(await adminQuery('SELECT 1 FROM pg_database WHERE datname = $1', [name])).toHaveLength(1);
    } finally {
      await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    }
  });

  it('run from empty, match the entities exactly, and run only once', async () => {
    const dataSource = await createDataSource(env.config).initialize();
    try {
      expect(await migrate(dataSource)).toEqual(ALL_MIGRATIONS.map((m) => m.name));
      // what `migration:generate` would produce from the entities now: nothing
      const pending = await dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
      expect(await migrate(dataSource)).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });

  it("the hub's sessions run without PostgreSQL's JIT compiler, whatever the server's setting", async () => {
    const dataSource = await createDataSource(env.config).initialize();
    try {
      expect(await dataSource.query('SHOW jit')).toEqual([{ jit: 'off' }]);
    } finally {
      await dataSource.destroy();
    }
  });

  it('can be reverted down to an empty schema', async () => {
    const dataSource = await createDataSource(env.config).initialize();
    try {
      for (let i = 0; i < ALL_MIGRATIONS.length; i++) await dataSource.undoLastMigration();
      const tables = await dataSource.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'`);
      expect(tables).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });
});
