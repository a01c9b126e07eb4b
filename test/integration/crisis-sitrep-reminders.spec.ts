import { Test, type TestingModule } from '@nestjs/testing';
import { AuditModule } from '@isac/audit';
import type { Principal } from '@isac/auth';
import { ConfigModule } from '@isac/config';
import { CrisisModule, MajorIncidentsService, SITREP_REMINDERS_QUEUE, SitrepRemindersProcessor, SitrepRemindersService } from '@isac/crisis';
import { MessagingModule, QueueHostModule, QueueProducer } from '@isac/messaging';
import { NetworkDirectory, NetworkSeeder } from '@isac/organisations';
import { PersistenceModule } from '@isac/persistence';
import { DataSource } from 'typeorm';
import { inspectQueue } from '../support/bull-queue.js';
import { createTestEnv, type TestEnv } from '../support/test-env.js';

// Issue 19: the hub reminds the centre when a sitrep is due on the room's cadence and marks a missed
// one, by a scheduled BullMQ job; here on a one-minute cadence.
describe('the scheduled sitrep reminder job (BullMQ)', () => {
  let env: TestEnv;
  let module: TestingModule;
  let db: DataSource;
  let centre: Principal;

  beforeAll(async () => {
    env = await createTestEnv();
    module = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot(env.config),
        PersistenceModule.forRoot(),
        MessagingModule.forRoot(),
        AuditModule,
        CrisisModule,
        QueueHostModule.forRoot({ handlers: [SitrepRemindersProcessor], imports: [CrisisModule] }),
      ],
    }).compile();
    await module.init();
    await module.get(NetworkSeeder).seedFromFile(env.config.NETWORK_FILE);
    db = module.get(DataSource);
    const org = (await module.get(NetworkDirectory).network()).bySlug('centre')!;
    centre = { keyId: 'k', keyPrefix: 'isac_k', roles: ['analyst'], organisation: { id: org.id, slug: org.slug, kind: org.kind, sector: org.sector, parentId: org.parentId } };
  });
  afterAll(async () => {
    await module.close();
    await env.dispose();
  });

  const missedMarks = (roomId: string) => db.query(`SELECT body FROM major_incident_entries WHERE major_incident_id = $1 AND kind = 'sitrep-missed' ORDER BY body`, [roomId]);
  /** The reminders in the centre's own inbox, by title. */
  const centreReminders = (): Promise<{ title: string; body: string }[]> =>
    db.query(`SELECT a.title, a.body FROM deliveries d JOIN advisories a ON a.id = d.advisory_id JOIN organisations o ON o.id = d.org_id WHERE o.slug = 'centre' AND a.title LIKE 'Sitrep %' ORDER BY a.created_at`);

  it('is scheduled once at boot; a missed sitrep is marked once on the timeline and the centre is reminded in its inbox', async () => {
    const producer = module.get(QueueProducer);
    const scheduler = await inspectQueue(env.config, SITREP_REMINDERS_QUEUE, async (queue) => ({ count: await queue.getJobSchedulersCount(), one: await queue.getJobScheduler('sitrep-reminders') }));
    expect(scheduler.count).toBe(1);
    expect(scheduler.one).toEqual(expect.objectContaining({ key: 'sitrep-reminders', name: 'sweep', every: 60_000 }));
    const room = await module.get(MajorIncidentsService).declare(centre, { title: 'Carrier outage', tlp: 'TLP:AMBER', sectors: ['telecom'], sitrepEveryMinutes: 1 });
    // declared 150 s ago: the sitreps due at +60 s and +120 s never came
    await db.query(`UPDATE major_incidents SET declared_at = declared_at - interval '150 seconds' WHERE id = $1`, [room.id]);
    await db.query(`UPDATE major_incident_entries SET created_at = created_at - interval '150 seconds' WHERE major_incident_id = $1`, [room.id]);

    await producer.add(SITREP_REMINDERS_QUEUE, 'sweep', {});
    let marks: { body: string }[] = [];
    // the marks commit first, the reminder follows them
    for (let i = 0; i < 100 && (marks.length < 2 || (await centreReminders()).length === 0); i++) {
      await new Promise((r) => setTimeout(r, 50));
      marks = await missedMarks(room.id);
    }
    const declaredAt = Date.parse(room.declaredAt) - 150_000;
    expect(marks.map((m) => m.body)).toEqual([new Date(declaredAt + 60_000).toISOString(), new Date(declaredAt + 120_000).toISOString()]);
    const reminders = await centreReminders();
    expect(reminders).toEqual([expect.objectContaining({ title: 'Sitrep missed: Carrier outage' })]);
    expect(reminders[0].body).toContain(new Date(declaredAt + 120_000).toISOString().replace('.000Z', 'Z'));

    // the room shows them as missed; a second sweep marks nothing again and sends no second reminder
    const view = await module.get(MajorIncidentsService).get(centre, room.id);
    expect(view.sitrepCadence.missed).toEqual(marks.map((m) => m.body));
    expect(view.timeline.filter((l) => l.kind === 'sitrep-missed')).toHaveLength(2);
    expect(await module.get(SitrepRemindersService).sweep()).toMatchObject({ marked: 0, reminded: 0 });
    expect(await missedMarks(room.id)).toHaveLength(2);
    expect(await centreReminders()).toHaveLength(1);
    await db.query(`UPDATE major_incidents SET closed_at = now() WHERE id = $1`, [room.id]);
  });

  it('reminds the centre ahead of the next due moment once a sitrep restarted the window, and nothing after the stand-down', async () => {
    const rooms = module.get(MajorIncidentsService);
    const sweep = module.get(SitrepRemindersService);
    const room = await rooms.declare(centre, { title: 'Wiper in logistics', tlp: 'TLP:RED', sectors: ['transport'], sitrepEveryMinutes: 1 });
    const sitrep = await rooms.sitrep(centre, room.id, { body: 'Two depots down.', tlp: 'TLP:RED' });
    const sentAt = Date.parse(sitrep.at);
    // 30 s later: the next is due in 30 s, more than the 15 s lead of a one-minute cadence
    expect(await sweep.sweep(new Date(sentAt + 30_000))).toMatchObject({ marked: 0, reminded: 0 });
    expect(await sweep.sweep(new Date(sentAt + 50_000))).toMatchObject({ marked: 0, reminded: 1 });
    expect((await centreReminders()).map((r) => r.title)).toContain('Sitrep due: Wiper in logistics');
    await db.query(`UPDATE major_incidents SET closed_at = now() WHERE id = $1`, [room.id]);
    expect(await sweep.sweep(new Date(sentAt + 10 * 60_000))).toMatchObject({ marked: 0, reminded: 0 });
    expect(await missedMarks(room.id)).toEqual([]);
  });

  it("a member of an AMBER room whose RED sitrep it may not read sees none of the hub's marks: their gaps would betray that sitrep", async () => {
    const rooms = module.get(MajorIncidentsService);
    const room = await rooms.declare(centre, { title: 'DDoS on payment rails', tlp: 'TLP:AMBER', sectors: ['energy'], sitrepEveryMinutes: 1 });
    await rooms.sitrep(centre, room.id, { body: 'Attribution: state actor', tlp: 'TLP:RED' });
    // declared 150 s ago, the RED sitrep 100 s ago: one due moment missed since (at +110 s)
    await db.query(`UPDATE major_incidents SET declared_at = declared_at - interval '150 seconds' WHERE id = $1`, [room.id]);
    await db.query(`UPDATE major_incident_entries SET created_at = created_at - interval '150 seconds' WHERE major_incident_id = $1 AND kind = 'declared'`, [room.id]);
    await db.query(`UPDATE major_incident_entries SET created_at = created_at - interval '100 seconds' WHERE major_incident_id = $1 AND kind = 'sitrep'`, [room.id]);
    expect(await module.get(SitrepRemindersService).sweep()).toMatchObject({ marked: 1 });
    const network = await module.get(NetworkDirectory).network();
    const litware = network.bySlug('litware')!;
    const member: Principal = { keyId: 'm', keyPrefix: 'isac_m', roles: ['analyst'], organisation: { id: litware.id, slug: litware.slug, kind: litware.kind, sector: litware.sector, parentId: litware.parentId } };
    const seen = await rooms.get(member, room.id);
    expect(seen.sitreps).toEqual([]);
    expect(seen.timeline.map((l) => l.kind)).toEqual(['declared']);
    // its own cadence counts what it may read: two missed, as if no sitrep had come
    expect(seen.sitrepCadence.missed).toHaveLength(2);
    expect((await rooms.get(centre, room.id)).timeline.map((l) => l.kind)).toEqual(['declared', 'sitrep', 'sitrep-missed']);
    await db.query(`UPDATE major_incidents SET closed_at = now() WHERE id = $1`, [room.id]);
  });
});
