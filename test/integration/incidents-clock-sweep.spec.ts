// The clock sweep against real PostgreSQL: a filing under way, deadlines that move, two sweeps at
// once, a backlog of long-overdue cases; and where the clocks start (awareness) as cases are filed.
import { randomUUID } from 'node:crypto';
import { IncidentClocksService, IncidentQueriesService, IncidentsService } from '@isac/incidents';
import { DataSource } from 'typeorm';
import { incidentBundle, type Bundle } from '../factories/stix-bundles.js';
import { startIncidents, type IncidentsHarness } from '../support/incidents-harness.js';

const utc = (iso: string) => new Date(iso);
const hours = (n: number) => n * 3_600_000;
const at = (d: Date, deltaMs: number) => new Date(d.getTime() + deltaMs);
const stamp = (d: Date) => d.toISOString().replace(/\.\d+Z$/, 'Z');

/** The same incident, a later version stating another stage. */
function followUp(bundle: Bundle, modified: string, stage: string, extra: Record<string, unknown> = {}): Bundle {
  const next = structuredClone(bundle);
  Object.assign(next.objects[0], { modified, x_isac_report_stage: stage, ...extra });
  return next;
}

describe('the incident clock sweep on PostgreSQL', () => {
  let hub: IncidentsHarness;
  let incidents: IncidentsService;
  let clocks: IncidentClocksService;
  let db: DataSource;

  beforeAll(async () => {
    hub = await startIncidents();
    incidents = hub.module.get(IncidentsService);
    clocks = hub.module.get(IncidentClocksService);
    db = hub.db;
  });
  afterAll(() => hub.close());

  const marksOf = (caseId: string): Promise<{ kind: string; stage: string }[]> =>
    db.query(`SELECT kind, stage FROM incident_timeline WHERE case_id = $1 AND kind IN ('due-soon', 'overdue') ORDER BY id`, [caseId]);
  const noticesOf = (caseId: string): Promise<{ title: string }[]> =>
    db.query(`SELECT title FROM advisories WHERE body LIKE '%' || $1 || '%' AND title NOT LIKE 'Incident affecting%' AND idempotency_key NOT LIKE 'incident-link:%' ORDER BY created_at, title`, [caseId]);

  it('does not mark overdue a clock that a report being filed at that moment meets', async () => {
    const awareAt = utc('2026-11-01T00:00:00Z');
    const bundle = incidentBundle({ created: '2026-11-01T05:00:00.000Z', extra: { x_isac_aware_at: stamp(awareAt) } });
    const filed = await incidents.file(hub.principal('litware'), bundle, undefined, at(awareAt, hours(6)));
    // the notification falls due at +72 h; a filing holds the case and has written its notification, not yet committed
    const filing = db.createQueryRunner();
    await filing.connect();
    await filing.startTransaction();
    try {
      await filing.query(`SELECT id FROM incident_cases WHERE id = $1 FOR UPDATE`, [filed.case.id]);
      await filing.query(`INSERT INTO incident_timeline (case_id, kind, stage, at, incident_version) VALUES ($1, 'report', 'notification', $2, $3)`, [
        filed.case.id,
        at(awareAt, hours(71)),
        '2026-11-03T23:00:00.000Z',
      ]);
      const sweepAfterDue = at(awareAt, hours(73));
      const sweeping = clocks.sweep(sweepAfterDue);
      await new Promise((resolve) => setTimeout(resolve, 500)); // the sweep reads the case while the filing holds it
      await filing.commitTransaction();
      await sweeping;
      await clocks.sweep(sweepAfterDue); // and once the report is in, it is met
    } finally {
      if (filing.isTransactionActive) await filing.rollbackTransaction();
      await filing.release();
    }
    const marks = await marksOf(filed.case.id);
    expect(marks.filter((m) => m.stage === 'notification')).toEqual([]);
    expect(marks).toContainEqual({ kind: 'overdue', stage: 'centre-feedback' }); // the centre's own clock did run out
    expect((await noticesOf(filed.case.id)).map((n) => n.title)).toEqual([]);
  });

  it('marks and announces a deadline again when it moves (DORA: the final counts from the latest intermediate report)', async () => {
    const awareAt = utc('2026-09-01T08:00:00Z');
    const bundle = incidentBundle({ created: '2026-09-01T09:00:00.000Z', extra: { x_isac_aware_at: stamp(awareAt) } });
    const proseware = hub.principal('proseware');
    const filed = await incidents.file(proseware, bundle, undefined, at(awareAt, hours(1))); // the initial notification
    expect(filed.case.regime).toBe('dora');
    const intermediateAt = utc('2026-09-03T09:00:00Z');
    await incidents.file(proseware, followUp(bundle, '2026-09-03T09:00:00.000Z', 'intermediate'), undefined, intermediateAt);
    // final due one month after it: 2026-10-03T09:00Z; coming due 3 h before
    await clocks.sweep(utc('2026-10-03T06:00:00Z'));
    expect(await marksOf(filed.case.id)).toEqual([{ kind: 'due-soon', stage: 'final' }]);
    // an updated intermediate report moves the final to 2026-11-03T07:00Z (RTS 2025/301 Art. 5(1)(c))
    await incidents.file(proseware, followUp(bundle, '2026-10-03T07:00:00.000Z', 'intermediate'), undefined, utc('2026-10-03T07:00:00Z'));
    await clocks.sweep(utc('2026-10-03T10:00:00Z')); // the first due time has passed: the final is not overdue, it moved
    await clocks.sweep(utc('2026-11-03T04:00:00Z'));
    await clocks.sweep(utc('2026-11-03T08:00:00Z'));
    expect(await marksOf(filed.case.id)).toEqual([
      { kind: 'due-soon', stage: 'final' },
      { kind: 'due-soon', stage: 'final' },
      { kind: 'overdue', stage: 'final' },
    ]);
    expect((await noticesOf(filed.case.id)).map((n) => n.title)).toEqual([
      `Coming due: the final report of ${bundle.objects[0].name}`,
      `Coming due: the final report of ${bundle.objects[0].name}`,
      `Overdue: the final report of ${bundle.objects[0].name}`,
    ]);
    const [{ bodies }] = await db.query(`SELECT array_agg(body ORDER BY created_at) AS bodies FROM advisories WHERE body LIKE '%' || $1 || '%' AND idempotency_key NOT LIKE 'incident-link:%'`, [filed.case.id]);
    expect(bodies).toEqual([
      `Due at 2026-10-03T09:00:00.000Z (case ${filed.case.id}).`,
      `Due at 2026-11-03T07:00:00.000Z (case ${filed.case.id}).`,
      `Was due at 2026-11-03T07:00:00.000Z (case ${filed.case.id}).`,
    ]);
  });

  it('an incident still ongoing at the one-month mark: the progress report meets it, the final counts from the handling (NIS2 Art. 23(4)(e))', async () => {
    const awareAt = utc('2026-03-02T10:00:00Z');
    const bundle = incidentBundle({ created: '2026-03-02T11:00:00.000Z', extra: { x_isac_aware_at: stamp(awareAt) } });
    const tailspin = hub.principal('tailspin');
    const filed = await incidents.file(tailspin, followUp(bundle, '2026-03-02T11:00:00.000Z', 'notification'), undefined, utc('2026-03-02T11:00:00Z'));
    await hub.module.get(IncidentQueriesService).feedback(hub.principal('centre', ['analyst']), filed.case.id, utc('2026-03-02T12:00:00Z'));
    // the final (or, ongoing, the progress report) is due one month after the notification: 2026-04-02T11:00Z
    await incidents.file(tailspin, followUp(bundle, '2026-04-02T09:00:00.000Z', 'progress'), undefined, utc('2026-04-02T09:00:00Z'));
    await clocks.sweep(utc('2026-04-10T00:00:00Z'));
    expect(await marksOf(filed.case.id)).toEqual([]);
    const handled = await incidents.file(tailspin, followUp(bundle, '2026-04-20T09:00:00.000Z', 'intermediate', { x_isac_handled_at: '2026-04-20T08:00:00Z' }), undefined, utc('2026-04-20T09:00:00Z'));
    expect(handled.case.nextDeadline).toMatchObject({ clock: 'final', due: '2026-05-20T08:00:00.000Z' });
    await clocks.sweep(utc('2026-05-20T09:00:00Z'));
    expect(await marksOf(filed.case.id)).toEqual([{ kind: 'overdue', stage: 'final' }]);
    // DORA keeps its updates in intermediate reports
    const proseware = hub.principal('proseware');
    const dora = incidentBundle({ created: '2026-03-02T11:00:00.000Z' });
    await incidents.file(proseware, dora, undefined, utc('2026-03-02T11:00:00Z'));
    await expect(incidents.file(proseware, followUp(dora, '2026-04-02T09:00:00.000Z', 'progress'), undefined, utc('2026-04-02T09:00:00Z'))).rejects.toMatchObject({ code: 'DORA.NO_PROGRESS_REPORT' });
  });

  it('two sweeps at once write each mark and each notice once', async () => {
    const awareAt = utc('2026-08-01T00:00:00Z');
    const filed = await incidents.file(hub.principal('lamna-hospital'), incidentBundle({ extra: { x_isac_aware_at: stamp(awareAt) } }), undefined, at(awareAt, hours(2)));
    const now = at(awareAt, hours(80)); // notification and the centre's feedback overdue
    await Promise.all([clocks.sweep(now), clocks.sweep(now), clocks.sweep(now)]);
    expect(await marksOf(filed.case.id)).toEqual(expect.arrayContaining([{ kind: 'overdue', stage: 'notification' }, { kind: 'overdue', stage: 'centre-feedback' }]));
    expect(await marksOf(filed.case.id)).toHaveLength(2);
    expect((await noticesOf(filed.case.id)).map((n) => n.title)).toEqual([`Overdue: the notification report of Ransomware at a substation operator`]);
  });

  describe('awareness, where the clocks start', () => {
    it('a stated awareness in the future counts from receipt', async () => {
      const receivedAt = utc('2026-07-01T12:00:00Z');
      const filed = await incidents.file(hub.principal('litware'), incidentBundle({ extra: { x_isac_aware_at: '2026-07-09T12:00:00Z' } }), undefined, receivedAt);
      expect(filed.case.awareAt).toBe(receivedAt.toISOString());
      expect(filed.case.deadlines.find((d) => d.clock === 'notification')?.due).toBe('2026-07-04T12:00:00.000Z');
    });

    it('a stated awareness long past is kept: the reports are late, and accepted', async () => {
      const filed = await incidents.file(hub.principal('litware'), incidentBundle({ extra: { x_isac_aware_at: '2025-07-01T00:00:00Z' } }), undefined, utc('2026-07-01T00:00:00Z'));
      expect(filed.case.awareAt).toBe('2025-07-01T00:00:00.000Z');
      expect(filed.case.deadlines.find((d) => d.clock === 'early-warning')).toMatchObject({ late: true, overdue: false, submittedAt: '2026-07-01T00:00:00.000Z' });
      expect(filed.case.deadlines.find((d) => d.clock === 'notification')).toMatchObject({ overdue: true });
    });

    it('a follow-up moves awareness earlier by x_isac_aware_at, not by an earlier first_seen (the incident\'s start, found later)', async () => {
      const bundle = incidentBundle({ created: '2026-06-10T10:00:00.000Z', extra: { first_seen: '2026-06-10T08:00:00Z' } });
      const energy = hub.principal('northwind-power');
      const filed = await incidents.file(energy, bundle, undefined, utc('2026-06-10T10:00:00Z'));
      expect(filed.case.awareAt).toBe('2026-06-10T08:00:00.000Z');
      // forensics find the intrusion began weeks earlier: the notification was on time all the same
      const notified = await incidents.file(energy, followUp(bundle, '2026-06-12T10:00:00.000Z', 'notification', { first_seen: '2026-05-01T00:00:00Z' }), undefined, utc('2026-06-12T10:00:00Z'));
      expect(notified.case.awareAt).toBe('2026-06-10T08:00:00.000Z');
      expect(notified.case.deadlines.find((d) => d.clock === 'notification')).toMatchObject({ late: false });
      // a corrected awareness does move the clocks
      const corrected = await incidents.file(energy, followUp(bundle, '2026-06-13T10:00:00.000Z', 'intermediate', { x_isac_aware_at: '2026-06-09T06:00:00Z' }), undefined, utc('2026-06-13T10:00:00Z'));
      expect(corrected.case.awareAt).toBe('2026-06-09T06:00:00.000Z');
      expect(corrected.case.deadlines.find((d) => d.clock === 'notification')).toMatchObject({ due: '2026-06-12T06:00:00.000Z', late: true });
    });
  });

  // leaves hundreds of cases behind; no sweep follows it
  it('reaches a case coming due behind more long-overdue cases than one page holds', async () => {
    await db.query(
      `INSERT INTO incident_cases (incident_id, incident_version, name, reporter_org_id, sector, regime, stage, tlp, recipient_org_ids, affected_sectors, aware_at, next_due_at, next_due_clock)
       SELECT 'incident--' || gen_random_uuid(), '2025-01-01T00:00:00.000Z', 'abandoned ' || n, $1, 'energy', 'nis2', 'early-warning', 'TLP:AMBER+STRICT', '{}', '{energy}',
              '2025-01-01T00:00:00Z', '2025-01-04T00:00:00Z', 'notification'
         FROM generate_series(1, 501) AS n`,
      [randomUUID()],
    );
    const awareAt = utc('2026-12-01T00:00:00Z');
    const filed = await incidents.file(hub.principal('litware'), incidentBundle({ extra: { x_isac_aware_at: stamp(awareAt) } }), undefined, at(awareAt, hours(1)));
    // the centre's feedback given, the case's next deadline is the notification
    await hub.module.get(IncidentQueriesService).feedback(hub.principal('centre', ['analyst']), filed.case.id, at(awareAt, hours(3)));
    await clocks.sweep(at(awareAt, hours(68))); // the notification is due in 4 h
    expect(await marksOf(filed.case.id)).toEqual([{ kind: 'due-soon', stage: 'notification' }]);
  }, 60_000);
});
