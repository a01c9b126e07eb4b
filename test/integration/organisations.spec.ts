import { jest } from '@jest/globals';
import { writeFile, readFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Test, type TestingModule } from '@nestjs/testing';
import { ConfigModule } from '@isac/config';
import { ApiKeysService, NetworkDirectory, NetworkSeeder, OrganisationsModule, OrganisationsService } from '@isac/organisations';
import { PersistenceModule } from '@isac/persistence';
import { DomainError } from '@isac/problems';
import { DataSource } from 'typeorm';
import { createTestEnv, type TestEnv } from '../support/test-env.js';

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return undefined;
}

describe('organisations and keys on PostgreSQL', () => {
  let env: TestEnv;
  let module: TestingModule;
  let seeder: NetworkSeeder;
  let keys: ApiKeysService;
  let dataSource: DataSource;

  beforeAll(async () => {
    env = await createTestEnv();
    module = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(env.config), PersistenceModule.forRoot(), OrganisationsModule],
    }).compile();
    await module.init();
    seeder = module.get(NetworkSeeder);
    keys = module.get(ApiKeysService);
    dataSource = module.get(DataSource);
  });
  afterAll(async () => {
    await module.close();
    await env.dispose();
  });

  const snapshot = () => dataSource.query(`SELECT id, slug, name, kind, sector, parent_id, stix_identity_id, updated_at FROM organisations ORDER BY slug`);

  describe('seed', () => {
    it('seeds the centre, six sector units and members; twice gives the same rows', async () => {
      const first = await seeder.seedFromFile(env.config.NETWORK_FILE);
      expect(first.inserted).toBe(first.organisations);
      const before = await snapshot();
      const second = await seeder.seedFromFile(env.config.NETWORK_FILE);
      expect(second).toEqual({ organisations: first.organisations, inserted: 0, updated: 0 });
      expect(await snapshot()).toEqual(before);
      const kinds = await dataSource.query(`SELECT kind, count(*)::int AS n FROM organisations GROUP BY kind ORDER BY kind`);
      expect(kinds).toEqual([
        { kind: 'centre', n: 1 },
        { kind: 'member', n: first.organisations - 7 },
        { kind: 'sector-unit', n: 6 },
      ]);
    });

    it('updates a renamed organisation in place, keeping its id', async () => {
      const dir = await mkdtemp(path.join(tmpdir(), 'isac-network-'));
      const file = path.join(dir, 'network.yaml');
      const original = await readFile(env.config.NETWORK_FILE, 'utf8');
      await writeFile(file, original.replace('Energy Sector CSIRT', 'Energy Sector CERT'));
      const [before] = await dataSource.query(`SELECT id FROM organisations WHERE slug = 'energy'`);
      expect(await seeder.seedFromFile(file)).toMatchObject({ inserted: 0, updated: 1 });
      const [after] = await dataSource.query(`SELECT id, name FROM organisations WHERE slug = 'energy'`);
      expect(after).toEqual({ id: before.id, name: 'Energy Sector CERT' });
      await seeder.seedFromFile(env.config.NETWORK_FILE);
    });

    it('lists parents by slug', async () => {
      const all = await module.get(OrganisationsService).list();
      expect(all.find((o) => o.slug === 'litware')).toMatchObject({ parent: 'energy', sector: 'energy', kind: 'member' });
      expect(all.find((o) => o.slug === 'energy')).toMatchObject({ parent: 'centre' });
    });
  });

  describe('API keys', () => {
    it('creates a key, stores only a salted hash, and resolves it to its principal', async () => {
      const created = await keys.create('health', ['reporter', 'analyst', 'analyst'], 'SOC integration');
      expect(created.roles).toEqual(['reporter', 'analyst']);
      const [row] = await dataSource.query(`SELECT prefix, secret_hash, label FROM api_keys WHERE prefix = $1`, [created.prefix]);
      expect(row.secret_hash).toMatch(/^scrypt\$/);
      expect(row.secret_hash).not.toContain(created.key.split('.')[1]);
      expect(row.label).toBe('SOC integration');
      const principal = await keys.resolve(created.key);
      expect(principal).toMatchObject({ keyPrefix: created.prefix, roles: ['reporter', 'analyst'], organisation: { slug: 'health', kind: 'sector-unit', sector: 'health' } });
      // the second resolution is served from the verified cache and gives the same answer
      expect(await keys.resolve(created.key)).toEqual(principal);
    });

    it('records when a key was last used', async () => {
      const created = await keys.create('energy', ['analyst']);
      await keys.resolve(created.key);
      await new Promise((r) => setTimeout(r, 100));
      const [row] = await dataSource.query(`SELECT last_used_at FROM api_keys WHERE prefix = $1`, [created.prefix]);
      expect(row.last_used_at).toBeInstanceOf(Date);
    });

    it('refuses a wrong secret, a malformed key and an unknown prefix', async () => {
      const created = await keys.create('energy', ['analyst']);
      expect(await keys.resolve(`${created.prefix}.${'x'.repeat(43)}`)).toBeNull();
      expect(await keys.resolve('not-a-key')).toBeNull();
      expect(await keys.resolve(`isac_ffffffff.${'y'.repeat(43)}`)).toBeNull();
    });

    it('revokes: the key stops resolving, listing shows when, revoking again is an error', async () => {
      const created = await keys.create('finance', ['admin']);
      expect(await keys.resolve(created.key)).not.toBeNull();
      await keys.revoke(created.prefix);
      expect(await keys.resolve(created.key)).toBeNull();
      const listed = (await keys.list()).find((k) => k.prefix === created.prefix);
      expect(listed).toMatchObject({ organisation: 'finance', roles: ['admin'] });
      expect(Date.parse(listed!.revokedAt!)).not.toBeNaN();
      expect(await codeOf(keys.revoke(created.prefix))).toBe('KEY.NOT_FOUND');
    });

    it('refuses unknown organisations and roles', async () => {
      expect(await codeOf(keys.create('atlantis', ['analyst']))).toBe('ORG.NOT_FOUND');
      expect(await codeOf(keys.create('energy', ['superuser']))).toBe('KEY.INVALID');
      expect(await codeOf(keys.create('energy', []))).toBe('KEY.INVALID');
    });
  });
});

describe('network directory', () => {
  let env: TestEnv;
  let module: TestingModule;

  beforeAll(async () => {
    env = await createTestEnv();
    module = await Test.createTestingModule({ imports: [ConfigModule.forRoot(env.config), PersistenceModule.forRoot(), OrganisationsModule] }).compile();
    await module.init();
    await module.get(NetworkSeeder).seedFromFile(env.config.NETWORK_FILE);
  });
  afterAll(async () => {
    await module.close();
    await env.dispose();
  });

  it('gives the policy the tree: sectors, members, centre; and sees a new member at once', async () => {
    const directory = module.get(NetworkDirectory);
    const network = await directory.network();
    const energy = network.bySlug('energy')!;
    expect(network.inSector('energy').map((o) => o.slug).sort()).toEqual(['adatum', 'energy', 'litware', 'northwind-power']);
    expect(network.membersOf(energy.id).every((o) => o.parentId === energy.id)).toBe(true);
    expect(network.org(network.bySlug('litware')!.id)).toEqual({ id: network.bySlug('litware')!.id, slug: 'litware', kind: 'member', sector: 'energy', parentId: energy.id });
    expect(network.centre().slug).toBe('centre');

    const centreAdmin = { keyId: 'k', keyPrefix: 'isac_00000000', roles: ['admin' as const], organisation: { id: network.centre().id, slug: 'centre', kind: 'centre' as const, sector: null, parentId: null } };
    await module.get(OrganisationsService).addMember(centreAdmin, { slug: 'wind-farm', name: 'Wind Farm', parent: 'energy' });
    expect((await directory.network()).bySlug('wind-farm')).toMatchObject({ parentId: energy.id });
  });

  describe('after its few seconds (another process changed the network, or nothing did)', () => {
    const later = (ms: number) => {
      const real = Date.now.bind(Date);
      return jest.spyOn(Date, 'now').mockImplementation(() => real() + ms);
    };
    const revision = async () => (await module.get(DataSource).query(`SELECT revision::int AS n FROM network_revision`))[0].n as number;
    afterEach(() => jest.restoreAllMocks());

    it('keeps the same snapshot (not rebuilt from the organisations read again) while the network has not changed', async () => {
      const directory = module.get(NetworkDirectory);
      directory.invalidate();
      const first = await directory.network();
      later(60_000);
      expect(await directory.network()).toBe(first);
    });

    it('sees a sector change made by another process once its copy is a few seconds old', async () => {
      const directory = module.get(NetworkDirectory);
      directory.invalidate();
      const before = await directory.network();
      const litware = before.bySlug('litware')!;
      const health = before.bySlug('health')!;
      // another process: plain SQL, no invalidate() here
      await module.get(DataSource).query(`UPDATE organisations SET sector = 'health', parent_id = $1 WHERE slug = 'litware'`, [health.id]);
      try {
        // within its few seconds the copy is kept, as before
        expect((await directory.network()).org(litware.id)?.sector).toBe('energy');
        later(6_000);
        const after = await directory.network();
        expect(after).not.toBe(before);
        expect(after.org(litware.id)).toMatchObject({ sector: 'health', parentId: health.id });
        expect(after.inSector('energy').map((o) => o.slug)).not.toContain('litware');
        expect(after.inSector('health').map((o) => o.slug)).toContain('litware');
      } finally {
        await module.get(DataSource).query(`UPDATE organisations SET sector = 'energy', parent_id = $1 WHERE slug = 'litware'`, [before.bySlug('energy')!.id]);
      }
    });

    it('moves the revision with every statement that writes organisations, when its transaction commits', async () => {
      const db = module.get(DataSource);
      const start = await revision();
      await db.query(`UPDATE organisations SET name = name WHERE slug = 'adatum'`);
      expect(await revision()).toBe(start + 1);
      const runner = db.createQueryRunner();
      await runner.connect();
      try {
        await runner.startTransaction();
        await runner.query(`UPDATE organisations SET name = 'Adatum (renamed)' WHERE slug = 'adatum'`);
        // not yet committed: another session still reads the old revision
        expect(await revision()).toBe(start + 1);
        await runner.rollbackTransaction();
      } finally {
        await runner.release();
      }
      expect(await revision()).toBe(start + 1);
      await db.query(`DELETE FROM organisations WHERE slug = 'no-such-organisation'`);
      expect(await revision()).toBe(start + 2);
    });
  });
});
