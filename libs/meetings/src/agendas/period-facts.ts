// What happened since the previous meeting of the series, as the meetings service gathers it from
// the incidents and advisories contexts (DESIGN §6). Every fact carries its marking, author and
// named recipients so the TLP policy can judge it for each participant.
import type { TlpLabel } from '@isac/tlp';
import type { SourceFact } from './agenda.js';
import type { ActionItem } from '../minutes/minutes.js';

export type Severity = 'critical' | 'high' | 'medium' | 'low';

interface Marked {
  /** undefined = unmarked (incidents are then read as TLP:AMBER+STRICT, DESIGN §2). */
  tlp: TlpLabel | undefined;
  authorOrgId: string;
  authorSlug: string;
  recipientOrgIds: readonly string[];
}

export interface IncidentCaseFact extends Marked {
  id: string;
  title: string;
  /** The reporting sector; incidents are grouped by it and presented by its sector unit. */
  sector: string;
  severity: Severity;
  /** 'opened' or the last NIS2 stage reported (early-warning, notification, intermediate, final). */
  stage: string;
  /** NIS2 stages whose report is overdue (Directive (EU) 2022/2555, Art. 23(4)). */
  overdueReports: string[];
  /** Other sectors the case declares impact on. */
  affectedSectors: string[];
  /** When the entity became aware — the incident's age counts from here. */
  awareAt: Date;
}

export interface SectorAcknowledgement {
  sector: string;
  delivered: number;
  acknowledged: number;
}

export interface AlertFact extends Marked {
  id: string;
  title: string;
  severity: Severity;
  issuedAt: Date;
  acknowledgements: SectorAcknowledgement[];
  /** sent where registers matched products or providers: no acknowledgement is counted for it */
  targeted?: boolean;
}

export interface AdvisoryFact extends Marked {
  id: string;
  title: string;
  severity?: Severity;
  publishedAt: Date;
  /** Number of sectors and of organisations the advisory reached. */
  reachSectors: number;
  reachOrganisations: number;
}

/** An item a sector unit proposed for this meeting (POST /meetings/:id/proposals); its author presents it. */
export interface ProposalFact extends Marked {
  id: string;
  title: string;
  /** Time the proposer asked for. */
  minutes?: number;
  submittedAt: Date;
  /** Further sources the proposal refers to; each is checked like the proposal itself. */
  sources?: SourceFact[];
}

/** A change to a register entry of a sector's organisation (issue 18), under the entry's marking. */
export interface RegisterChangeFact extends Marked {
  id: string;
  entryId: string;
  /** The sector whose register holds the entry; its overview item lists the change. */
  sector: string;
  change: 'added' | 'changed' | 'removed';
  name: string;
  kind: string;
  criticality: string;
  /** For `changed`: which fields. */
  fields: string[];
  at: Date;
}

export type StandingKind = 'infrastructure-overview' | 'preparedness' | 'threat-picture';

/** Items of every meeting: each sector's infrastructure overview round, preparedness and exercises, threat picture. */
export interface StandingItemFact {
  id: string;
  kind: StandingKind;
  title: string;
  presenter: string;
  minutes: number;
  /** 20 unless given: below critical and high incidents, above routine ones. */
  priority?: number;
  sources?: SourceFact[];
  /** infrastructure-overview: the sector presented. */
  sector?: string;
}

export interface PeriodFacts {
  incidents: IncidentCaseFact[];
  alerts: AlertFact[];
  advisories: AdvisoryFact[];
  actionItems: ActionItem[];
  proposals: ProposalFact[];
  standing: StandingItemFact[];
  /** Changes to the participating sectors' registers in the period; none when absent. */
  registerChanges?: RegisterChangeFact[];
}
