import { Injectable, Logger } from '@nestjs/common';
import type { Principal } from '@isac/auth';
import { NetworkDirectory, SECTORS, type NetworkSnapshot } from '@isac/organisations';
import { counted, DomainError, isUniqueViolation, type FieldProblem } from '@isac/problems';
import { checkableObjects, validateBundle, type StixProblem } from '@isac/stix';
import { isLaterVersion, StixStoreService, type StorageCheck } from '@isac/stix-store';
import { effectiveIncidentTlp } from '@isac/tlp';
import { UnitOfWork } from '@isac/unit-of-work';
import { currentStage, type Nis2Stage } from './clocks.js';
import { caseView, deadlinesOf, reportsOf, type CaseView } from './case-view.js';
import type { IncidentCaseEntity } from './incident-case.entity.js';
import { IncidentCoordinationService } from './incident-coordination.service.js';
import { IncidentNotices } from './incident-notices.service.js';
import { linkKeysOf, type LinkKey } from './link-keys.js';
import { IncidentCaseRepository } from './incident-case.repository.js';
import { readIncidentSubmission, REPORT_STAGES, type IncidentSubmission } from './incident-submission.js';
import { RegimeDirectory } from './regime-directory.service.js';
import { nextOpenDeadline, validateRegimeTransition } from './reporting-clocks.js';
import { missingStageContent, type ContentGap } from './stage-content.js';
import { INCIDENT_ERRORS } from './errors.js';

export interface FiledReport {
  created: boolean;
  case: CaseView;
  report: { stage: string; incidentVersion: string; stored: number; unchanged: number; missing: ContentGap[]; warnings: StixProblem[] };
}

interface FilingContext {
  reporter: { slug: string; stixIdentityId: string };
  identities: Set<string>;
  network: NetworkSnapshot;
  exerciseId: string | null;
}

const asFieldProblems = (problems: StixProblem[]): FieldProblem[] =>
  problems.map((p) => ({
    pointer: p.pointer,
    detail: p.index === undefined ? p.message : `objects[${p.index}]${p.id ? ` (${p.id})` : ''}: ${p.message}`,
    code: p.code,
  }));

function reject(problems: StixProblem[], caseProblems: FieldProblem[] = []): never {
  const errors = [...asFieldProblems(problems), ...caseProblems];
  throw new DomainError(INCIDENT_ERRORS.bundleRejected, `The bundle was rejected with ${counted(errors.length, 'problem')}; nothing was stored.`, errors);
}

/** A case's refusal as entries of a bundle's list of problems (its code on each). */
function caseFieldProblems(error: DomainError, incidentIndex: number): FieldProblem[] {
  if (error.errors.length === 0) return [{ pointer: `/objects/${incidentIndex}`, detail: error.message, code: error.code }];
  return error.errors.map((e) => ({ ...e, code: e.code ?? error.code }));
}

/**
 * What `POST /stix/validate` reports (the validator's problems, then the store's), then the filing's
 * own; one the validator reported already (the same code at the same pointer) is not repeated.
 */
export function filingProblems(validation: StixProblem[], store: StixProblem[], filing: StixProblem[]): StixProblem[] {
  const seen = new Set(validation.map((p) => `${p.code} ${p.pointer}`));
  return [...validation, ...store, ...filing.filter((p) => !seen.has(`${p.code} ${p.pointer}`))];
}

/** The organisations every incident is addressed to: the centre and the reporter's sector unit (DESIGN §2). */
export function incidentRecipients(network: NetworkSnapshot, reporterOrgId: string): string[] {
  const reporter = network.byId(reporterOrgId);
  const unit = reporter?.kind === 'sector-unit' ? reporter.id : reporter?.kind === 'member' ? reporter.parentId : null;
  return [...new Set([network.centre().id, ...(unit ? [unit] : [])])];
}

/** The stage a first report fulfils when it states none: NIS2's early warning, DORA's initial notification. */
const firstStage = (regime: 'nis2' | 'dora'): Nis2Stage => (regime === 'dora' ? 'notification' : 'early-warning');

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
    private readonly coordination: IncidentCoordinationService,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  private readonly logger = new Logger('Incidents');

  /** `exerciseId`: an exercise's inject files it (issue 19) — the case and its objects are marked, and nothing real hears of it. */
  async file(principal: Principal, bundle: unknown, stageParam?: string, now = new Date(), options: { exerciseId?: string } = {}): Promise<FiledReport> {
    const network = await this.directory.network();
    const reporter = network.byId(principal.organisation.id);
    if (!reporter) throw new DomainError(INCIDENT_ERRORS.forbidden, "The caller's organisation is not part of the network.");
    const identities = new Set(network.all().map((o) => o.stixIdentityId));
    const { keys, ...filed } = await this.unitOfWork
      .run(async () => {
        return this.fileIn(principal, { reporter, identities, network, exerciseId: options.exerciseId ?? null }, bundle, stageParam, now);
      })
      .catch((error: unknown) => {
        // two first reports of the same incident at once: the unique incident id lets one through
        if (isUniqueViolation(error)) {
          throw new DomainError(INCIDENT_ERRORS.conflict, 'Another report of this incident was being filed at the same moment; send it again.');
        }
        throw error;
      });
    // an exercise's case tells no real sector and links to no real case (issue 19)
    if (filed.case.exercise) return filed;
    // after the commit: a notice that fails must not undo a filed report (it is logged instead)
    await this.notices
      .impact({ ...filed.case, reporterSlug: reporter.slug, sector: reporter.sector })
      .catch((error) => this.logger.warn({ msg: 'incident impact notice not sent', case: filed.case.id, err: String(error) }));
    // issue 17: cases sharing an indicator pattern, an observable or an attack pattern are linked (after the commit too)
    await this.coordination.linkFiled(filed.case.id, keys);
    return filed;
  }

  /**
   * One report, in one unit of work: every check first, then objects, case and timeline together.
   * The checks all run before any is answered: the validator's, the filing's and the store's
   * problems (the store's as `POST /stix/validate` finds them) come back together, and with them,
   * when the incident itself is sound, what the case says of this report (its stage, its version).
   */
  private async fileIn(
    principal: Principal,
    ctx: FilingContext,
    bundle: unknown,
    stageParam: string | undefined,
    now: Date,
  ): Promise<FiledReport & { keys: LinkKey[] }> {
    const { reporter, identities, network } = ctx;
    const report = validateBundle(bundle);
    const objects = checkableObjects(bundle);
    if (objects === undefined) reject(report.errors);
    // a sector unit may file on behalf of its members, under their identity
    const members = new Set(network.membersOf(principal.organisation.id).map((m) => m.stixIdentityId));
    const submitter = {
      identityId: reporter.stixIdentityId,
      isNetworkIdentity: (id: string) => identities.has(id),
      mayAuthorAs: (id: string) => members.has(id),
      sectors: SECTORS,
    };
    const read = readIncidentSubmission(objects, submitter, stageParam);
    const submission = read.ok ? read.submission : undefined;
    // the case is asked only of an incident the validator found sound (its id and version above all)
    const incidentSound = submission !== undefined && !report.errors.some((e) => e.index === submission.incidentIndex);
    // the caller's own case of the incident: another organisation's case of the same id is never looked at (no oracle)
    const existing = incidentSound ? await this.cases.findByIncidentIdForUpdate(principal.organisation.id, submission.incidentId) : null;
    const caseError = incidentSound ? await this.caseProblem(principal, existing, submission) : undefined;
    // checked as it will be stored: with the created_by_ref the hub sets
    const checked = await this.store.checkForStorage(read.objects, { orgId: principal.organisation.id, tlp: effectiveIncidentTlp(submission?.tlp) });
    const problems = filingProblems(report.errors, checked.problems, read.ok ? [] : read.problems);
    if (problems.length > 0) reject(problems, caseError ? caseFieldProblems(caseError, submission!.incidentIndex) : []);
    if (caseError) throw caseError;
    const filing = submission!; // no problem at all: the submission was read
    const filed = existing
      ? await this.followUp(principal, existing, filing, checked, now)
      : await this.open(principal, network, filing, checked, now, ctx.exerciseId);
    const timeline = await this.cases.timelineOf(filed.case.id);
    return {
      created: existing === null,
      case: caseView(filed.case, reporter.slug, timeline, now),
      report: { ...filed.report, warnings: [...report.warnings, ...checked.warnings] },
      keys: linkKeysOf(filing.objects),
    };
  }

  /**
   * What the case says of this report, before anything is written: a follow-up is a later version
   * stating its stage; each stage comes in the order the regime allows. undefined when the report
   * may be filed.
   */
  private async caseProblem(principal: Principal, existing: IncidentCaseEntity | null, submission: IncidentSubmission): Promise<DomainError | undefined> {
    if (existing === null) {
      const regime = this.regimes.regimeOf(principal.organisation.sector);
      // the first report defaults to the regime's first stage: NIS2 early warning, DORA initial notification
      return this.transitionProblem(regime, [], submission.stage ?? firstStage(regime));
    }
    if (submission.incidentVersion === existing.incidentVersion) return undefined; // the same version again: a no-op
    if (!isLaterVersion(submission.incidentVersion, existing.incidentVersion)) {
      return new DomainError(
        INCIDENT_ERRORS.conflict,
        `A follow-up report needs a later 'modified' than the case's current version ${existing.incidentVersion}.`,
        [
          {
            pointer: '/objects',
            detail: `incident ${submission.incidentId} modified ${submission.incidentVersion} is not later than ${existing.incidentVersion}`,
          },
        ],
      );
    }
    if (submission.stage === undefined) {
      return new DomainError(
        INCIDENT_ERRORS.stageRequired,
        'A follow-up report states the stage it fulfils: x_isac_report_stage on the incident, or ?stage=.',
        [{ pointer: '/x_isac_report_stage', detail: `one of ${REPORT_STAGES.join(', ')}` }],
      );
    }
    const timeline = await this.cases.timelineOf(existing.id);
    return this.transitionProblem(existing.regime, reportsOf(timeline), submission.stage);
  }

  private async open(
    principal: Principal,
    network: NetworkSnapshot,
    submission: IncidentSubmission,
    checked: StorageCheck,
    now: Date,
    exerciseId: string | null,
  ) {
    const sector = principal.organisation.sector;
    const regime = this.regimes.regimeOf(sector);
    // the first report defaults to the regime's first stage: NIS2 early warning, DORA initial notification
    const stage: Nis2Stage = submission.stage ?? firstStage(regime);
    const recipients = incidentRecipients(network, principal.organisation.id);
    const tlp = effectiveIncidentTlp(submission.tlp);
    const saved = await this.cases.save({
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
      exerciseId,
    });
    const report = await this.record(saved, submission, stage, principal, checked, now);
    return { case: saved, report };
  }

  private async followUp(principal: Principal, existing: IncidentCaseEntity, submission: IncidentSubmission, checked: StorageCheck, now: Date) {
    if (submission.incidentVersion === existing.incidentVersion) {
      // the same version again: stored objects are a no-op, the timeline is unchanged
      const result = await this.store.store(submission.objects, this.storeOptions(existing, submission), checked);
      return { case: existing, report: { stage: existing.stage, incidentVersion: existing.incidentVersion, ...result, missing: [] } };
    }
    // caseProblem has checked the version, the stage and the regime's order of stages
    const stage = submission.stage!;
    const stated = submission.statedAwareAt === undefined ? undefined : awareAtOrReceipt(submission.statedAwareAt, now);
    const updated = await this.cases.save({
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
    });
    const report = await this.record(updated, submission, stage, principal, checked, now);
    return { case: updated, report };
  }

  private transitionProblem(regime: 'nis2' | 'dora', reports: { stage: Nis2Stage; at: Date }[], stage: Nis2Stage): DomainError | undefined {
    const transition = validateRegimeTransition(regime, reports, stage);
    return transition.ok ? undefined : new DomainError(transition.code, transition.reason, [{ pointer: '/x_isac_report_stage', detail: transition.reason }]);
  }

  private storeOptions(c: IncidentCaseEntity, submission: IncidentSubmission) {
    // unmarked objects of a report take the incident's marking (unmarked: AMBER+STRICT, DESIGN §2)
    return { authorOrgId: c.reporterOrgId, recipientOrgIds: c.recipientOrgIds, tlp: effectiveIncidentTlp(submission.tlp), exerciseId: c.exerciseId };
  }

  /** Stores the objects, adds the report to the timeline and moves the case's stage and next deadline. */
  private async record(c: IncidentCaseEntity, submission: IncidentSubmission, stage: Nis2Stage, principal: Principal, checked: StorageCheck, now: Date) {
    const result = await this.store.store(submission.objects, this.storeOptions(c, submission), checked);
    const missing = missingStageContent(stage, { incident: submission.incident, objectTypes: new Set(submission.objects.map((o) => String(o.type))) });
    await this.cases.addReport({
      caseId: c.id,
      stage,
      at: now,
      incidentVersion: submission.incidentVersion,
      objectIds: [...new Set(submission.objects.map((o) => String(o.id)))],
      missing,
      byOrgId: principal.organisation.id,
    });
    const timeline = await this.cases.timelineOf(c.id);
    c.stage = currentStage(reportsOf(timeline));
    // a closed case owes no report: a late report filed on it is kept, its clocks stay stopped (reopen restarts them)
    const next = c.closedAt ? null : nextOpenDeadline(deadlinesOf(c, timeline, now));
    c.nextDueAt = next?.due ?? null;
    c.nextDueClock = next?.clock ?? null;
    await this.cases.save(c);
    return { stage, incidentVersion: submission.incidentVersion, ...result, missing };
  }
}
