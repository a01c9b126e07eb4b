import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AdvisoriesService } from '@isac/advisories';
import type { Principal, Role } from '@isac/auth';
import { EXERCISE_PREFIX, MajorIncidentsService, type SectorState } from '@isac/crisis';
import { IncidentsService } from '@isac/incidents';
import type { NetworkSnapshot } from '@isac/organisations';
import { DomainError } from '@isac/problems';
import { INCIDENT_CORE_EXTENSION_ID, markingRefFor, type TlpLabel } from '@isac/stix';
import { EXERCISE_ERRORS } from './errors.js';
import type { ExerciseEntity } from './exercise.entity.js';
import type { CaseInject, Inject, MessageInject } from './scenario.js';

/** Every title an exercise writes starts so (declared by @isac/crisis, which writes exercise items too). */
export { EXERCISE_PREFIX };
/** The label and property every STIX object an exercise creates carries (issue 19). */
export const EXERCISE_LABEL = 'exercise';

export interface PlayContext {
  exercise: ExerciseEntity;
  position: number;
  network: NetworkSnapshot;
  now: Date;
}

export type Played = { resultId: string; majorIncidentId?: string };

type Org = ReturnType<NetworkSnapshot['centre']>;

/**
 * The exercise acting as one organisation of the network: the inject plays as that organisation
 * would (its key prefix `exercise` says who really acted, in the audit log too).
 */
function actingAs(org: Org, exerciseId: string, roles: Role[]): Principal {
  return {
    keyId: `exercise:${exerciseId}`,
    keyPrefix: 'exercise',
    roles,
    organisation: { id: org.id, slug: org.slug, kind: org.kind, sector: org.sector, parentId: org.parentId },
  };
}

/**
 * The inject cannot play as its scenario says, and never will (the hub refused what it needed, or the
 * network changed): a refusal, recorded as the inject's outcome. A plain error would fail the job as a
 * lost database does, and every later job would stop at this inject again.
 */
function unplayable(message: string): DomainError {
  return new DomainError(EXERCISE_ERRORS.conflict, message);
}

/** Plays one inject through the use case the real action goes through, marked as the exercise's. */
@Injectable()
export class InjectPlayer {
  constructor(
    private readonly advisories: AdvisoriesService,
    private readonly incidents: IncidentsService,
    private readonly rooms: MajorIncidentsService,
  ) {}

  async play(inject: Inject, ctx: PlayContext): Promise<Played> {
    const { exercise, network } = ctx;
    const centre = network.centre();
    switch (inject.kind) {
      case 'major-incident': {
        // the room's sitrep cadence runs on the wall clock: scaled to the exercise clock
        const every = inject.sitrepEveryMinutes === undefined ? undefined : Math.max(1, Math.round(inject.sitrepEveryMinutes / exercise.speed));
        const room = await this.rooms.declare(actingAs(centre, exercise.id, ['analyst', 'coordinator']), {
          title: EXERCISE_PREFIX + inject.title,
          tlp: inject.tlp,
          sectors: inject.sectors,
          ...(every === undefined ? {} : { sitrepEveryMinutes: every }),
          exercise: exercise.id,
        });
        return { resultId: room.id, majorIncidentId: room.id };
      }
      case 'alert':
      case 'advisory':
        return this.publish(inject, ctx);
      case 'case':
        return this.fileCase(inject, ctx);
      case 'status': {
        if (!exercise.majorIncidentId) throw unplayable('the major incident of the scenario was not declared');
        const unit = network.all().find((o) => o.kind === 'sector-unit' && o.sector === inject.sector);
        if (!unit) throw unplayable(`no sector unit for ${inject.sector}`);
        const line = await this.rooms.setStatus(actingAs(unit, exercise.id, ['analyst']), exercise.majorIncidentId, {
          state: inject.state as SectorState,
          ...(inject.note ? { note: inject.note } : {}),
        });
        return { resultId: line.id };
      }
    }
  }

  private async publish(inject: MessageInject, { exercise, position, network }: PlayContext): Promise<Played> {
    const author = inject.from ? network.bySlug(inject.from) : network.centre();
    if (!author) throw unplayable(`no organisation "${inject.from}"`);
    const request = {
      title: EXERCISE_PREFIX + inject.title,
      body: inject.body,
      severity: inject.severity as 'info',
      tlp: inject.tlp,
      audience: inject.audience,
    };
    const { advisory } = await this.advisories.publish({ system: true, organisationId: author.id }, request, {
      // a retried job publishes nothing twice
      idempotencyKey: `exercise:${exercise.id}:${position}`,
      exerciseId: exercise.id,
      ...(inject.kind === 'alert' ? { alert: { requiresAck: inject.requiresAck ?? true } } : {}),
    });
    return { resultId: advisory.id };
  }

  private async fileCase(inject: CaseInject, { exercise, network, now }: PlayContext): Promise<Played> {
    const reporter = network.bySlug(inject.from);
    if (!reporter) throw unplayable(`no organisation "${inject.from}"`);
    const at = now.toISOString();
    const incident = {
      type: 'incident',
      spec_version: '2.1',
      id: `incident--${randomUUID()}`,
      created: at,
      modified: at,
      created_by_ref: reporter.stixIdentityId,
      name: EXERCISE_PREFIX + inject.name,
      ...(inject.description ? { description: inject.description } : {}),
      labels: [EXERCISE_LABEL],
      object_marking_refs: [markingRefFor(inject.tlp as TlpLabel)],
      x_isac_exercise: true,
      ...(inject.severity ? { x_isac_severity: inject.severity } : {}),
      ...(inject.affectedSectors ? { x_isac_affected_sectors: inject.affectedSectors } : {}),
      extensions: { [INCIDENT_CORE_EXTENSION_ID]: { extension_type: 'property-extension', determination: 'suspected', investigation_status: 'open' } },
    };
    const filed = await this.incidents.file(
      actingAs(reporter, exercise.id, ['reporter']),
      { type: 'bundle', id: `bundle--${randomUUID()}`, objects: [incident] },
      undefined,
      now,
      { exerciseId: exercise.id },
    );
    return { resultId: filed.case.id };
  }
}
