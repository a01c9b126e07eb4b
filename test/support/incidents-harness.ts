import type { Type } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { AuditModule } from '@isac/audit';
import type { Principal, Role } from '@isac/auth';
import { ConfigModule } from '@isac/config';
import { IncidentsModule } from '@isac/incidents';
import { MessagingModule } from '@isac/messaging';
import { NetworkDirectory, NetworkSeeder, type NetworkSnapshot } from '@isac/organisations';
import { PersistenceModule } from '@isac/persistence';
import { DataSource } from 'typeorm';
import { createTestEnv, type TestEnv } from './test-env.js';

export interface IncidentsHarness {
  env: TestEnv;
  module: TestingModule;
  db: DataSource;
  network: NetworkSnapshot;
  /** a principal of the seeded organisation, as a key with these roles would authenticate */
  principal(slug: string, roles?: Role[]): Principal;
  close(): Promise<void>;
}

/**
 * The incident context (store, cases, clocks, notices) on the suite's own database, with the network
 * seeded; `also` adds modules built on it (TAXII's).
 */
export async function startIncidents(also: Type[] = []): Promise<IncidentsHarness> {
  const env = await createTestEnv();
  const module = await Test.createTestingModule({
    imports: [ConfigModule.forRoot(env.config), PersistenceModule.forRoot(), MessagingModule.forRoot(), AuditModule, IncidentsModule, ...also],
  }).compile();
  await module.init();
  await module.get(NetworkSeeder).seedFromFile(env.config.NETWORK_FILE);
  const network = await module.get(NetworkDirectory).network();
  return {
    env,
    module,
    db: module.get(DataSource),
    network,
    principal: (slug, roles = ['reporter']) => {
      const o = network.bySlug(slug);
      if (!o) throw new Error(`no organisation ${slug} in the seeded network`);
      return { keyId: slug, keyPrefix: `isac_${slug}`, roles, organisation: { id: o.id, slug: o.slug, kind: o.kind, sector: o.sector, parentId: o.parentId } };
    },
    close: async () => {
      await module.close();
      await env.dispose();
    },
  };
}
