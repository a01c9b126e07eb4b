import { Test, type TestingModule } from '@nestjs/testing';
import { AuditModule } from '@isac/audit';
import type { Principal } from '@isac/auth';
import { ConfigModule } from '@isac/config';
import { INCIDENT_CLOCKS_QUEUE, IncidentClocksProcessor, IncidentsModule, IncidentsService } from '@isac/incidents';
import { MessagingModule, QueueHostModule, QueueProducer } from '@isac/messaging';
import { NetworkDirectory, NetworkSeeder } from '@isac/organisations';
import { PersistenceModule } from '@isac/persistence';
import { DataSource } from 'typeorm';
import { incidentBundle } from '../factories/stix-bundles.js';
import { inspectQueue } from '../support/bull-queue.js';
import { createTestEnv, type TestEnv } from '../support/test-env.js';

describe('the scheduled incident clock job (BullMQ)', () => {
  let env: TestEnv;
  let module: TestingModule;

  beforeAll(async () => {
    env = await createTestEnv();
    module = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot(env.config),
        PersistenceModule.forRoot(),
        MessagingModule.forRoot(),
        AuditModule,
        IncidentsModule,
        QueueHostModule.forRoot({ handlers: [IncidentClocksProcessor], imports: [IncidentsModule] }),
      ],
    }).compile();
    await module.init();
    await module.get(NetworkSeeder).seedFromFile(env.config.NETWORK_FILE);
  });
  afterAll(async () => {
    await module.close();
    await env.dispose();
  });

  it('is scheduled once at boot and marks overdue reports on the case timeline', async () => {
    const producer = module.get(QueueProducer);
    const scheduler = await inspectQueue(env.config, INCIDENT_CLOCKS_QUEUE, async (queue) => ({ count: await queue.getJobSchedulersCount(), one: await queue.getJobScheduler('incident-clocks') }));
    expect(scheduler.count).toBe(1);
    expect(scheduler.one).toEqual(expect.objectContaining({ key: 'incident-clocks', name: 'sweep', every: 300_000 }));

    const org = (await module.get(NetworkDirectory).network()).bySlug('telecom')!;
    const principal: Principal = { keyId: 'k', keyPrefix: 'isac_k', roles: ['reporter'], organisation: { id: org.id, slug: org.slug, kind: org.kind, sector: org.sector, parentId: org.parentId } };
    const filed = await module.get(IncidentsService).file(principal, incidentBundle({ extra: { x_isac_aware_at: '2025-06-01T00:00:00Z' } }));

    await producer.add(INCIDENT_CLOCKS_QUEUE, 'sweep', {});
    const db = module.get(DataSource);
    let marks: { kind: string; stage: string }[] = [];
    for (let i = 0; i < 100 && marks.length < 2; i++) {
      await new Promise((r) => setTimeout(r, 50));
      marks = await db.query(`SELECT kind, stage FROM incident_timeline WHERE case_id = $1 AND kind = 'overdue' ORDER BY stage`, [filed.case.id]);
    }
    expect(marks).toEqual([
      { kind: 'overdue', stage: 'final' },
      { kind: 'overdue', stage: 'notification' },
    ]);
  });
});
