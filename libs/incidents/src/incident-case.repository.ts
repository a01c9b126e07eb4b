import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import { currentManager } from '@isac/unit-of-work';
import { IncidentCaseEntity } from './incident-case.entity.js';
import { IncidentTimelineEntity, type TimelineKind } from './incident-timeline.entity.js';

/** One timeline entry as cases show it. */
export interface TimelineEntry {
  kind: TimelineKind;
  stage: string;
  at: Date;
  incidentVersion: string | null;
  objectCount: number;
  missing: { item: string; pointer: string; detail: string }[];
  /** feedback: its kind (guidance, …) when it has content */
  feedbackKind?: string | null;
  /** feedback: its Markdown text; closed: the reason */
  body?: string | null;
}

/** A report as the timeline records it. */
export interface ReportEntry {
  caseId: string;
  stage: string;
  at: Date;
  incidentVersion: string;
  objectIds: string[];
  missing: { item: string; pointer: string; detail: string }[];
  byOrgId: string;
}

export interface CaseFilter {
  sector?: string;
  stage?: string;
  overdue?: boolean;
  since?: Date;
  /** open (the default of the REST list), closed, or all */
  state?: 'open' | 'closed' | 'all';
  /** cases reported by this organisation only */
  reporterOrgId?: string;
  /** true: the cases exercises created; otherwise real cases only (issue 19) */
  exercise?: boolean;
  /** keyset cursor: the (openedAt, id) of the last case of the previous page */
  after?: { openedAt: Date; id: string };
  limit: number;
  now: Date;
}

interface TimelineRow {
  kind: TimelineKind;
  stage: string;
  at: Date;
  incident_version: string | null;
  objects: number;
  missing: TimelineEntry['missing'];
  feedback_kind: string | null;
  body: string | null;
}

const TIMELINE_COLUMNS = 'kind, stage, at, incident_version, cardinality(object_ids) AS objects, missing, feedback_kind, body';

const timelineEntryOf = (r: TimelineRow): TimelineEntry => ({
  kind: r.kind,
  stage: r.stage,
  at: r.at,
  incidentVersion: r.incident_version,
  objectCount: r.objects,
  missing: r.missing,
  feedbackKind: r.feedback_kind,
  body: r.body,
});

@Injectable()
export class IncidentCaseRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The unit of work's transaction when one is open, else the pool. */
  private get db(): EntityManager {
    return currentManager(this.dataSource);
  }

  private cases() {
    return this.db.getRepository(IncidentCaseEntity);
  }

  private timeline() {
    return this.db.getRepository(IncidentTimelineEntity);
  }

  /** The reporter's case of this incident id, locked for the rest of the transaction (follow-ups are serialised). */
  findByIncidentIdForUpdate(reporterOrgId: string, incidentId: string): Promise<IncidentCaseEntity | null> {
    return this.cases()
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .where('c.reporter_org_id = :reporterOrgId AND c.incident_id = :incidentId', { reporterOrgId, incidentId })
      .getOne();
  }

  findByIds(ids: string[]): Promise<IncidentCaseEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.cases().findBy({ id: In(ids) });
  }

  findById(id: string): Promise<IncidentCaseEntity | null> {
    return this.cases().findOneBy({ id });
  }

  save(entity: Partial<IncidentCaseEntity>): Promise<IncidentCaseEntity> {
    return this.cases().save(this.cases().create(entity));
  }

  async addTimeline(entries: Partial<IncidentTimelineEntity>[]): Promise<void> {
    if (entries.length === 0) return;
    await this.timeline().createQueryBuilder().insert().values(entries).orIgnore().execute();
  }

  /** One entry that has no dedupe key (a feedback with content): always written; returns its id. */
  async addTimelineEntry(entry: Partial<IncidentTimelineEntity>): Promise<string> {
    const result = await this.timeline().createQueryBuilder().insert().values(entry).returning('id').execute();
    return String((result.raw as { id: string | number }[])[0].id);
  }

  /**
   * A filed report on the case's timeline. A report may list tens of thousands of object ids: they
   * travel as one comma-joined text (STIX identifiers hold no commas) and nothing is read back.
   */
  async addReport(entry: ReportEntry): Promise<void> {
    await this.db.query(
      `INSERT INTO incident_timeline (case_id, kind, stage, at, incident_version, object_ids, missing, by_org_id)
       VALUES ($1, 'report', $2, $3, $4, string_to_array($5, ','), $6::jsonb, $7)`,
      [entry.caseId, entry.stage, entry.at, entry.incidentVersion, entry.objectIds.join(','), JSON.stringify(entry.missing), entry.byOrgId],
    );
  }

  /** The case's timeline, oldest first, without the (possibly long) object id lists: counts only. */
  async timelineOf(caseId: string): Promise<TimelineEntry[]> {
    const rows: TimelineRow[] = await this.db.query(`SELECT ${TIMELINE_COLUMNS} FROM incident_timeline WHERE case_id = $1 ORDER BY at, id`, [caseId]);
    return rows.map(timelineEntryOf);
  }

  /** The timelines of several cases at once (a list page), by case id. */
  async timelinesOf(caseIds: string[]): Promise<Map<string, TimelineEntry[]>> {
    const byCase = new Map<string, TimelineEntry[]>(caseIds.map((id) => [id, []]));
    if (caseIds.length === 0) return byCase;
    const rows: (TimelineRow & { case_id: string })[] = await this.db.query(
      `SELECT case_id, ${TIMELINE_COLUMNS} FROM incident_timeline WHERE case_id = ANY($1::uuid[]) ORDER BY at, id`,
      [caseIds],
    );
    for (const r of rows) byCase.get(r.case_id)?.push(timelineEntryOf(r));
    return byCase;
  }

  /** Every object id filed on the case (the union of its reports). */
  async objectIdsOf(caseId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(`SELECT DISTINCT unnest(object_ids) AS id FROM incident_timeline WHERE case_id = $1`, [caseId]);
    return rows.map((r) => r.id);
  }

  /** Real cases opened in [since, until), oldest first (a daily briefing's candidates; its reader's policy applies to each). */
  casesOpenedBetween(since: Date, until: Date): Promise<IncidentCaseEntity[]> {
    return this.cases()
      .createQueryBuilder('c')
      .where('c.opened_at >= :since AND c.opened_at < :until AND c.exercise_id IS NULL', { since, until })
      .orderBy('c.opened_at', 'ASC')
      .limit(5000)
      .getMany();
  }

  /** Real cases with a deadline due in [from, to), soonest first (a daily briefing's candidates; its reader's policy applies to each). */
  casesDueBetween(from: Date, to: Date): Promise<IncidentCaseEntity[]> {
    return this.cases()
      .createQueryBuilder('c')
      .where('c.next_due_at >= :from AND c.next_due_at < :to AND c.exercise_id IS NULL', { from, to })
      .orderBy('c.next_due_at', 'ASC')
      .limit(5000)
      .getMany();
  }

  /** Candidates for a list page, newest first; the caller applies the TLP policy to each. */
  page(filter: CaseFilter): Promise<IncidentCaseEntity[]> {
    const query = this.cases().createQueryBuilder('c').orderBy('c.opened_at', 'DESC').addOrderBy('c.id', 'DESC').limit(filter.limit);
    query.where(filter.exercise === true ? 'c.exercise_id IS NOT NULL' : 'c.exercise_id IS NULL');
    if (filter.sector) query.andWhere(':sector = ANY(c.affected_sectors)', { sector: filter.sector });
    if (filter.stage) query.andWhere('c.stage = :stage', { stage: filter.stage });
    if (filter.overdue === true) query.andWhere('c.next_due_at < :now', { now: filter.now });
    if (filter.overdue === false) query.andWhere('(c.next_due_at IS NULL OR c.next_due_at >= :now)', { now: filter.now });
    if (filter.since) query.andWhere('c.opened_at >= :since', { since: filter.since });
    if (filter.reporterOrgId) query.andWhere('c.reporter_org_id = :reporterOrgId', { reporterOrgId: filter.reporterOrgId });
    if (filter.state === 'open') query.andWhere('c.closed_at IS NULL');
    if (filter.state === 'closed') query.andWhere('c.closed_at IS NOT NULL');
    if (filter.after) query.andWhere('(c.opened_at, c.id) < (:afterAt, :afterId)', { afterAt: filter.after.openedAt, afterId: filter.after.id });
    return query.getMany();
  }

  /**
   * Cases with a deadline due before `horizon`, by (next_due_at, id) after `after`, at most `limit`:
   * the clock job's pages. It pages through them all, so cases long overdue (they stay on the list
   * until their reports come in) never crowd out those coming due.
   */
  dueBefore(horizon: Date, after: { nextDueAt: Date; id: string } | null, limit: number): Promise<IncidentCaseEntity[]> {
    const query = this.cases()
      .createQueryBuilder('c')
      // exercise cases run no real clock (issue 19)
      .where('c.next_due_at < :horizon AND c.exercise_id IS NULL', { horizon })
      .orderBy('c.next_due_at', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .limit(limit);
    if (after) query.andWhere('(c.next_due_at, c.id) > (:afterAt, :afterId)', { afterAt: after.nextDueAt, afterId: after.id });
    return query.getMany();
  }

  /**
   * The case locked for the clock job's transaction, or null when another transaction holds it: a
   * filing records a report under the same lock (findByIncidentIdForUpdate), and the job must not mark
   * overdue a clock that report is about to meet. The next sweep looks at the case again.
   */
  lockForSweep(id: string): Promise<IncidentCaseEntity | null> {
    return this.cases().createQueryBuilder('c').setLock('pessimistic_write').setOnLocked('skip_locked').where('c.id = :id', { id }).getOne();
  }

  /** The case locked for the rest of the transaction, waiting for any other holder. */
  findByIdForUpdate(id: string): Promise<IncidentCaseEntity | null> {
    return this.cases().createQueryBuilder('c').setLock('pessimistic_write').where('c.id = :id', { id }).getOne();
  }

  /**
   * Due-soon and overdue marks, each written once (its dedupe key is unique); returns the keys of the
   * marks this call wrote, which are the ones still to be announced.
   */
  async addMarks(marks: { caseId: string; kind: 'due-soon' | 'overdue'; stage: string; at: Date; dedupeKey: string }[]): Promise<Set<string>> {
    if (marks.length === 0) return new Set();
    const rows: { dedupe_key: string }[] = await this.db.query(
      `INSERT INTO incident_timeline (case_id, kind, stage, at, dedupe_key)
       SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::timestamptz[], $5::varchar[])
       ON CONFLICT (dedupe_key) DO NOTHING RETURNING dedupe_key`,
      [marks.map((m) => m.caseId), marks.map((m) => m.kind), marks.map((m) => m.stage), marks.map((m) => m.at), marks.map((m) => m.dedupeKey)],
    );
    return new Set(rows.map((r) => r.dedupe_key));
  }

  /**
   * Cases updated since `since` that declare impact on a sector other than their own (those owe an
   * impact notice), by id after `afterId`, at most `limit`: the sweep's pages.
   */
  withImpactOnOtherSectors(since: Date, afterId: string | null, limit: number): Promise<IncidentCaseEntity[]> {
    const query = this.cases()
      .createQueryBuilder('c')
      .where('c.updated_at >= :since AND c.exercise_id IS NULL', { since })
      .andWhere('EXISTS (SELECT 1 FROM unnest(c.affected_sectors) AS s WHERE s IS DISTINCT FROM c.sector)')
      .orderBy('c.id', 'ASC')
      .limit(limit);
    if (afterId) query.andWhere('c.id > :afterId', { afterId });
    return query.getMany();
  }

  /** Closes (with its reason) or reopens the case; a closed case owes no report, so it has no next deadline. */
  async setClosed(caseId: string, closed: { at: Date; reason: string | null } | null, nextDue: { at: Date | null; clock: string | null }): Promise<void> {
    await this.cases().update(
      { id: caseId },
      { closedAt: closed?.at ?? null, closeReason: closed?.reason ?? null, nextDueAt: nextDue.at, nextDueClock: nextDue.clock },
    );
  }

  async updateNextDue(caseId: string, nextDueAt: Date | null, nextDueClock: string | null): Promise<void> {
    await this.cases().update({ id: caseId }, { nextDueAt, nextDueClock });
  }

  /**
   * Issue 19: removes every case an exercise created, with its timeline, messages, links and link
   * keys, in the caller's unit of work; answers the ids of the cases removed.
   */
  async purgeExercise(exerciseId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(`SELECT id FROM incident_cases WHERE exercise_id = $1`, [exerciseId]);
    const ids = rows.map((r) => r.id);
    await deleteCasesWithTheirRows(ids, this.db);
    return ids;
  }
}

/**
 * Deletes the cases with everything that is theirs — timeline, messages, links (either end) and
 * link keys — in the caller's transaction. No foreign keys tie these rows to their case, so each
 * table is named here; a new table of a case's rows belongs here too.
 */
export async function deleteCasesWithTheirRows(ids: string[], manager: EntityManager): Promise<void> {
  if (ids.length === 0) return;
  await manager.query(`DELETE FROM incident_timeline WHERE case_id = ANY($1::uuid[])`, [ids]);
  await manager.query(`DELETE FROM incident_messages WHERE case_id = ANY($1::uuid[])`, [ids]);
  await manager.query(`DELETE FROM incident_case_links WHERE case_a_id = ANY($1::uuid[]) OR case_b_id = ANY($1::uuid[])`, [ids]);
  await manager.query(`DELETE FROM incident_case_keys WHERE case_id = ANY($1::uuid[])`, [ids]);
  await manager.query(`DELETE FROM incident_cases WHERE id = ANY($1::uuid[])`, [ids]);
}
