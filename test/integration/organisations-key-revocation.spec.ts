import { Test, type TestingModule } from '@nestjs/testing';
import { ConfigModule } from '@isac/config';
import { ApiKeysService, NetworkSeeder, OrganisationsModule } from '@isac/organisations';
import { PersistenceModule } from '@isac/persistence';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { createTestEnv, type TestEnv } from '../support/test-env.js';

/** Two API replicas on one database: a key one of them has cached stops working when the other revokes it. */
describe('key revocation across replicas (cached principals)', () => {
  let env: TestEnv;
  const replicas: TestingModule[] = [];

  const replica = async () => {
    const module = await Test.createTestingModule({ imports: [ConfigModule.forRoot(env.config), PersistenceModule.forRoot(), OrganisationsModule] }).compile();
    await module.init();
    replicas.push(module);
    return module;
  };

  beforeAll(async () => {
    env = await createTestEnv();
    const first = await replica();
    await first.get(NetworkSeeder).seedFromFile(env.config.NETWORK_FILE);
  });
  afterAll(async () => {
    for (const module of replicas) await module.close();
    await env.dispose();
  });

  async function until(what: string, check: () => Promise<boolean>): Promise<void> {
    // a bound so that a broken propagation fails the test instead of hanging it
    for (let i = 0; i < 200; i++) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`gave up waiting for ${what}`);
  }

  it('the revocation is announced with the key id when it commits', async () => {
    const [a] = replicas;
    const created = await a.get(ApiKeysService).create('energy', ['analyst']);
    const listener = new pg.Client({ connectionString: env.config.DATABASE_URL });
    await listener.connect();
    try {
      const heard: string[] = [];
      listener.on('notification', (m) => heard.push(`${m.channel}:${m.payload}`));
      await listener.query('LISTEN isac_api_key_revoked');
      await a.get(ApiKeysService).revoke(created.prefix);
      const [{ id }] = await a.get(DataSource).query(`SELECT id FROM api_keys WHERE prefix = $1`, [created.prefix]);
      await until('the notification', async () => heard.length > 0);
      expect(heard).toEqual([`isac_api_key_revoked:${id}`]);
    } finally {
      await listener.end();
    }
  });

  it('a key used (and cached) on one replica is refused there once another replica revokes it', async () => {
    const a = replicas[0];
    const b = await replica();
    const created = await b.get(ApiKeysService).create('health', ['analyst']);
    const onA = a.get(ApiKeysService);
    // used a few times on A: verified, then served from A's cache once its listener holds
    for (let i = 0; i < 5; i++) expect(await onA.resolve(created.key)).toMatchObject({ keyPrefix: created.prefix, organisation: { slug: 'health' } });
    await b.get(ApiKeysService).revoke(created.prefix);
    await until('replica A to refuse the revoked key', async () => (await onA.resolve(created.key)) === null);
    expect(await onA.resolve(created.key)).toBeNull();
    expect(await b.get(ApiKeysService).resolve(created.key)).toBeNull();
  });
});
