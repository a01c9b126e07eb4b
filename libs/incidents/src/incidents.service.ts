import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '@isac/auth';
import { NetworkDirectory, SECTORS, type NetworkSnapshot } from '@isac/organisations';
import { DomainError, isUniqueViolation, type FieldProblem } from '@isac/problems';
import { validateBundle, type StixProblem } from '@isac/stix';
import { isLaterVersion, StixStoreService, type StorageCheck } from '@isac/stix-store';
import { effectiveIncidentTlp } from '@isac/tlp';
import { currentStage, type Nis2Stage } from './clocks.js';
import { caseView, deadlinesOf, reportsOf, type CaseView } from './case-view.js';
import type { IncidentCaseEntity } from './incident-case.entity.js';
import { IncidentNotices } from './incident-notices.service.js';
import { IncidentCaseRepository } from './incident-case.repository.js';
import { readIncidentSubmission, REPORT_STAGES, type IncidentSubmission } from './incident-submission.js';
import { RegimeDirectory } from './regime-directory.service.js';
import { nextOpenDeadline, validateRegimeTransition } from './reporting-clocks.js';
import { missingStageContent, type ContentGap } from './stage-content.js';

export interface FiledReport {
  created: boolean;
  case: CaseView;
  report: { stage: string; incidentVersion: string; stored: number; unchanged: number; missing: ContentGap[]; warnings: StixProblem[] };
}

interface FilingContext {
  reporter: { slug: string; stixIdentityId: string };
  identities: Set<string>;
  network: NetworkSnapshot;
}

const asFieldProblems = (problems: StixProblem[]): FieldProblem[] =>
  problems.map((p) => ({ pointer: p.pointer, detail: p.index === undefined ? p.message : `objects[${p.index}]${p.id ? ` (${p.id})` : ''}: ${p.message}`, code: p.code }));

function reject(problems: StixProblem[]): never {
  throw new DomainError('INCIDENT.BUNDLE_REJECTED', `The bundle was rejected with ${problems.length} problem(s); nothing was stored.`, asFieldProblems(problems));
}

/** The organisations every incident is addressed to: the centre and the reporter's sector unit (DESIGN §2). */
export function incidentRecipients(network: NetworkSnapshot, reporterOrgId: string): string[] {
  const reporter = network.byId(reporterOrgId);
  const unit = reporter?.kind === 'sector-unit' ? reporter.id : reporter?.kind === 'member' ? reporter.parentId : null;
  return [...new Set([network.centre().id, ...(unit ? [unit] : [])])];
}

/** The stated awareness, never later than the report's receipt; receipt when none is stated. */
function awareAtOrReceipt(stated: Date | undefined, receivedAt: Date): Date {
  return stated === undefined || stated.getTime() > receivedAt.getTime() ? receivedAt : stated;
}

/** Filing incident reports: the first opens a case, later versions of the incident are its follow-ups. */
@Injectable()
export class IncidentsService {
  constructor(
    private readonly cases: IncidentCaseRepository,
    private readonly store: StixStoreService,
    private readonly directory: NetworkDirectory,
    private readonly regimes: RegimeDirectory,
    private readonly notices: IncidentNotices,
  ) {}

  private readonly logger = new Logger('Incidents');

  async file(principal: Principal, bundle: unknown, stageParam?: string, now = new Date()): Promise<FiledReport> {
    const network = await this.directory.network();
    const reporter = network.byId(principal.organisation.id);
    if (!reporter) throw new DomainError('INCIDENT.FORBIDDEN', 'The caller\'s organisation is not part of the network.');
    const identities = new Set(network.all().map((o) => o.stixIdentityId));
    const filed = await this.cases.transaction(async (manager) => {
      return this.fileIn(manager, principal, { reporter, identities, network }, bundle, stageParam, now);
    }).catch((error: unknown) => {
      // two first reports of the same incident at once: the unique incident id lets one through
      if (isUniqueViolation(error)) {
        throw new DomainError('INCIDENT.CONFLICT', 'Another report of this incident was being filed at the same moment; send it again.');
      }
      throw error;
    });
    // after the commit: a notice that fails must not undo a filed report (it is logged instead)
    await this.notices
      .impact({ ...filed.case, reporterSlug: reporter.slug, sector: reporter.sector })
      .catch((error) => this.logger.warn({ msg: 'incident impact notice not sent', case: filed.case.id, err: String(error) }));
    return filed;
  }

  /** One report, in one transaction: every check first, then objects, case and timeline together. */
  private async fileIn(manager: EntityManager, principal: Principal, ctx: FilingContext, bundle: unknown, stageParam: string | undefined, now: Date): Promise<FiledReport> {
    const { reporter, identities, network } = ctx;
    const report = validateBundle(bundle);
    if (!report.valid) reject(report.errors);
    const objects = (bundle as { objects: Record<string, unknown>[] }).objects;
    // a sector unit may file on behalf of its members, under their identity
    const members = new Set(network.membersOf(principal.organisation.id).map((m) => m.stixIdentityId));
    const submitter = { identityId: reporter.stixIdentityId, isNetworkIdentity: (id: string) => identities.has(id), mayAuthorAs: (id: string) => members.has(id), sectors: SECTORS };
    const read = readIncidentSubmission(objects, submitter, stageParam);
    if (!read.ok) reject(read.problems);
    const submission = read.submission;
    const existing = await this.cases.findByIncidentIdForUpdate(submission.incidentId, manager);
    if (existing && existing.reporterOrgId !== principal.organisation.id) {
      throw new DomainError('INCIDENT.FORBIDDEN', `Incident ${submission.incidentId} was filed by another organisation; only its reporter files follow-up reports.`);
    }
    // checked as it will be stored: with the created_by_ref the hub sets
    const checked = await this.store.checkForStorage(submission.objects, { orgId: principal.organisation.id, tlp: effectiveIncidentTlp(submission.tlp) }, manager);
    if (checked.problems.length > 0) reject(checked.problems);
    const filed = existing
      ? await this.followUp(principal, existing, submission, checked, manager, now)
      : await this.open(principal, network, submission, checked, manager, now);
    const timeline = await this.cases.timelineOf(filed.case.id, manager);
    return {
      created: existing === null,
      case: caseView(filed.case, reporter.slug, timeline, now),
      report: { ...filed.report, warnings: [...report.warnings, ...checked.warnings] },
    };
  }

  private async open(principal: Principal, network: NetworkSnapshot, submission: IncidentSubmission, checked: StorageCheck, manager: EntityManager, now: Date) {
    const sector = principal.organisation.sector;
    const regime = this.regimes.regimeOf(sector);
    // the first report defaults to the regime's first stage: NIS2 early warning, DORA initial notification
    const stage: Nis2Stage = submission.stage ?? (regime === 'dora' ? 'notification' : 'early-warning');
    this.checkTransition(regime, [], stage);
    const recipients = incidentRecipients(network, principal.organisation.id);
    const tlp = effectiveIncidentTlp(submission.tlp);
    const saved = await this.cases.save(
      {
        incidentId: submission.incidentId,
        incidentVersion: submission.incidentVersion,
        name: submission.name.slice(0, 500),
        reporterOrgId: principal.organisation.id,
        sector,
        regime,
        stage,
        tlp,
        recipientOrgIds: recipients,
        affectedSectors: [...new Set([...(sector ? [sector] : []), ...submission.affectedSectors])],
        severity: submission.severity ?? null,
        // NIS2 Art. 23(4): the clocks run from becoming aware; without a stated time, from receipt.
        // An entity cannot become aware after it reports: a time in the future (a wrong clock, a typo)
        // would start the clocks later than the law does, so it counts from receipt instead.
        awareAt: awareAtOrReceipt(submission.awareAt, now),
        classifiedAt: submission.classifiedAt ?? null,
        handledAt: submission.handledAt ?? null,
      },
      manager,
    );
    const report = await this.record(saved, submission, stage, principal, checked, manager, now);
    return { case: saved, report };
  }

  private async followUp(principal: Principal, existing: IncidentCaseEntity, submission: IncidentSubmission, checked: StorageCheck, manager: EntityManager, now: Date) {
    if (submission.incidentVersion === existing.incidentVersion) {
      // the same version again: stored objects are a no-op, the timeline is unchanged
      const result = await this.store.store(submission.objects, this.storeOptions(existing, submission), manager, checked);
      return { case: existing, report: { stage: existing.stage, incidentVersion: existing.incidentVersion, ...result, missing: [] } };
    }
    if (!isLaterVersion(submission.incidentVersion, existing.incidentVersion)) {
      throw new DomainError('INCIDENT.CONFLICT', `A follow-up report needs a later 'modified' than the case's current version ${existing.incidentVersion}.`, [
        { pointer: '/objects', detail: `incident ${submission.incidentId} modified ${submission.incidentVersion} is not later than ${existing.incidentVersion}` },
      ]);
    }
    if (submission.stage === undefined) {
      throw new DomainError('INCIDENT.STAGE_REQUIRED', 'A follow-up report states the stage it fulfils: x_isac_report_stage on the incident, or ?stage=.', [
        { pointer: '/x_isac_report_stage', detail: `one of ${REPORT_STAGES.join(', ')}` },
      ]);
    }
    const timeline = await this.cases.timelineOf(existing.id, manager);
    this.checkTransition(existing.regime, reportsOf(timeline), submission.stage);
    const stated = submission.statedAwareAt === undefined ? undefined : awareAtOrReceipt(submission.statedAwareAt, now);
    const updated = await this.cases.save(
      {
        ...existing,
        incidentVersion: submission.incidentVersion,
        name: submission.name.slice(0, 500) || existing.name,
        tlp: effectiveIncidentTlp(submission.tlp),
        severity: submission.severity ?? existing.severity,
        affectedSectors: [...new Set([...existing.affectedSectors, ...submission.affectedSectors])],
        // a later report may only move awareness earlier (by x_isac_aware_at), never restart the clocks
        awareAt: stated && stated < existing.awareAt ? stated : existing.awareAt,
        classifiedAt: submission.classifiedAt ?? existing.classifiedAt,
        handledAt: submission.handledAt ?? existing.handledAt,
      },
      manager,
    );
    const report = await this.record(updated, submission, submission.stage, principal, checked, manager, now);
    return { case: updated, report };
  }

  private checkTransition(regime: 'nis2' | 'dora', reports: { stage: Nis2Stage; at: Date }[], stage: Nis2Stage): void {
    const transition = validateRegimeTransition(regime, reports, stage);
    if (!transition.ok) throw new DomainError(transition.code, transition.reason, [{ pointer: '/x_isac_report_stage', detail: transition.reason }]);
  }

  private storeOptions(c: IncidentCaseEntity, submission: IncidentSubmission) {
    // unmarked objects of a report take the incident's marking (unmarked: AMBER+STRICT, DESIGN §2)
    return { authorOrgId: c.reporterOrgId, recipientOrgIds: c.recipientOrgIds, tlp: effectiveIncidentTlp(submission.tlp) };
  }

  /** Stores the objects, adds the report to the timeline and moves the case's stage and next deadline. */
  private async record(c: IncidentCaseEntity, submission: IncidentSubmission, stage: Nis2Stage, principal: Principal, checked: StorageCheck, manager: EntityManager, now: Date) {
    const result = await this.store.store(submission.objects, this.storeOptions(c, submission), manager, checked);
    const missing = missingStageContent(stage, { incident: submission.incident, objectTypes: new Set(submission.objects.map((o) => String(o.type))) });
    await this.cases.addReport(
      { caseId: c.id, stage, at: now, incidentVersion: submission.incidentVersion, objectIds: [...new Set(submission.objects.map((o) => String(o.id)))], missing, byOrgId: principal.organisation.id },
      manager,
    );
    const timeline = await this.cases.timelineOf(c.id, manager);
    c.stage = currentStage(reportsOf(timeline));
    const next = nextOpenDeadline(deadlinesOf(c, timeline, now));
    c.nextDueAt = next?.due ?? null;
    c.nextDueClock = next?.clock ?? null;
    await this.cases.save(c, manager);
    return { stage, incidentVersion: submission.incidentVersion, ...result, missing };
  }
}
