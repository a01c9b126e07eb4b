import { Injectable } from '@nestjs/common';
import { AdvisoryQueriesService } from '@isac/advisories';
import type { Principal } from '@isac/auth';
import { MajorIncidentsService } from '@isac/crisis';
import { NetworkDirectory } from '@isac/organisations';
import { DomainError } from '@isac/problems';
import { composedMarking, mostRestrictive, parseTlpLabel, type ReadableItem, type TlpLabel } from '@isac/tlp';
import { afterActionReport, type AfterActionFacts, type ReportAlert, type ReportReceipt } from './after-action-report.js';
import { EXERCISE_ERRORS } from './errors.js';
import { ExerciseRepository } from './exercise.repository.js';
import { ExercisesService } from './exercises.service.js';

/**
 * The after-action report, for the centre that ran the exercise. Its facts are the centre's own:
 * the receipts of the alerts it issued (DESIGN §5: receipts are the author's) and the room it
 * declared, read through MajorIncidentsService as the caller (the TLP policy decides there). Its
 * marking is the policy's composed marking over what it names (each alert and the room, under the
 * markings they carry), never below the strictest of the scenario's injects.
 */
@Injectable()
export class AfterActionService {
  constructor(
    private readonly exercisesService: ExercisesService,
    private readonly exercises: ExerciseRepository,
    private readonly advisories: AdvisoryQueriesService,
    private readonly rooms: MajorIncidentsService,
    private readonly directory: NetworkDirectory,
  ) {}

  async report(principal: Principal, id: string, now = new Date()): Promise<{ filename: string; body: string; tlp: string }> {
    const exercise = await this.exercisesService.readable(principal, id);
    const view = await this.exercisesService.get(principal, id, now);
    const injects = await this.exercises.injectsOf(exercise.id);
    const network = await this.directory.network();
    const floor =
      mostRestrictive(exercise.scenario.injects.flatMap((i) => ('tlp' in i ? [parseTlpLabel(i.tlp)].filter((t): t is TlpLabel => t !== undefined) : []))) ??
      'TLP:AMBER';
    const sources: ReadableItem[] = [];
    const receipt = (r: { orgId: string; deliveredAt: Date; ackedAt: Date | null }): ReportReceipt => {
      const org = network.byId(r.orgId);
      return { organisation: org?.slug ?? r.orgId, sector: org?.sector ?? 'centre', deliveredAt: r.deliveredAt, ackedAt: r.ackedAt };
    };
    const alerts: ReportAlert[] = [];
    if (exercise.state !== 'purged') {
      for (const inject of injects) {
        if (inject.kind !== 'alert' || !inject.resultId || !inject.playedAt) continue;
        const receipts = await this.advisories.receiptsOf(inject.resultId);
        const scripted = exercise.scenario.injects[inject.position];
        sources.push({
          kind: 'alert',
          tlp: scripted && 'tlp' in scripted ? parseTlpLabel(scripted.tlp) : undefined,
          authorOrgId: exercise.authorOrgId,
          recipientOrgIds: receipts.map((r) => r.orgId),
        });
        alerts.push({
          title: view.injects[inject.position]!.title,
          playedAt: inject.playedAt,
          receipts: receipts.map(receipt),
        });
      }
    }
    const facts: AfterActionFacts = {
      title: exercise.title,
      tlp: floor,
      speed: exercise.speed,
      state: exercise.state,
      startedAt: exercise.startedAt,
      now,
      injects: view.injects.map((i) => ({ ...i, playedAt: i.playedAt ? new Date(i.playedAt) : null })),
      alerts,
      majorIncident: null,
    };
    if (exercise.majorIncidentId && exercise.state !== 'purged') {
      const room = await this.rooms.get(principal, exercise.majorIncidentId, now);
      // the major incident's alert: who acknowledged the declaration and when
      const declaration = injects.find((i) => i.kind === 'major-incident');
      if (room.alertId && declaration?.playedAt) {
        const receipts = await this.advisories.receiptsOf(room.alertId);
        sources.push({ kind: 'alert', tlp: parseTlpLabel(room.tlp), authorOrgId: exercise.authorOrgId, recipientOrgIds: receipts.map((r) => r.orgId) });
        alerts.unshift({
          title: room.title,
          playedAt: declaration.playedAt,
          receipts: receipts.map(receipt),
        });
      }
      const scripted = new Set(injects.filter((i) => i.kind === 'status' && i.resultId).map((i) => i.resultId));
      facts.majorIncident = {
        title: room.title,
        declaredAt: new Date(room.declaredAt),
        sectors: room.sectors,
        missedSitreps: room.sitrepCadence.missed.map((d) => new Date(d)),
        statuses: room.timeline
          .filter((l) => l.kind === 'status' && !scripted.has(l.id) && 'sector' in l)
          .map((l) => ({ sector: String(l.sector), at: new Date(l.at), state: String(l.state) })),
      };
    }
    // the report is the centre's alone (no recipients); a source even the centre may not read withholds it
    const marking = composedMarking({ authorOrgId: principal.organisation.id, recipientOrgIds: [] }, sources, network, { floor });
    if (!marking.ok) throw new DomainError(EXERCISE_ERRORS.notFound, `No exercise ${id}.`);
    facts.tlp = marking.tlp;
    return { filename: `exercise-${exercise.id}-after-action.md`, body: afterActionReport(facts), tlp: marking.tlp };
  }
}
