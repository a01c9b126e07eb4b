// STIX 2.1 Domain Objects (§4).

import type { ExternalReference, Identifier, KillChainPhase, StixCoreCommon, Timestamp } from './common.types.js';

export interface AttackPattern extends StixCoreCommon {
  type: 'attack-pattern';
  name: string;
  description?: string;
  aliases?: string[];
  kill_chain_phases?: KillChainPhase[];
}

export interface Campaign extends StixCoreCommon {
  type: 'campaign';
  name: string;
  description?: string;
  aliases?: string[];
  first_seen?: Timestamp;
  last_seen?: Timestamp;
  objective?: string;
}

export interface CourseOfAction extends StixCoreCommon {
  type: 'course-of-action';
  name: string;
  description?: string;
}

export interface Grouping extends StixCoreCommon {
  type: 'grouping';
  name?: string;
  description?: string;
  context: string;
  object_refs: Identifier[];
}

export interface Identity extends StixCoreCommon {
  type: 'identity';
  name: string;
  description?: string;
  roles?: string[];
  identity_class?: string;
  sectors?: string[];
  contact_information?: string;
}

export interface Incident extends StixCoreCommon {
  type: 'incident';
  name: string;
  description?: string;
  kill_chain_phases?: KillChainPhase[];
}

export interface Indicator extends StixCoreCommon {
  type: 'indicator';
  name?: string;
  description?: string;
  indicator_types?: string[];
  pattern: string;
  pattern_type: string;
  pattern_version?: string;
  valid_from: Timestamp;
  valid_until?: Timestamp;
  kill_chain_phases?: KillChainPhase[];
}

export interface Infrastructure extends StixCoreCommon {
  type: 'infrastructure';
  name: string;
  description?: string;
  infrastructure_types?: string[];
  aliases?: string[];
  kill_chain_phases?: KillChainPhase[];
  first_seen?: Timestamp;
  last_seen?: Timestamp;
}

export interface IntrusionSet extends StixCoreCommon {
  type: 'intrusion-set';
  name: string;
  description?: string;
  aliases?: string[];
  first_seen?: Timestamp;
  last_seen?: Timestamp;
  goals?: string[];
  resource_level?: string;
  primary_motivation?: string;
  secondary_motivations?: string[];
}

export interface Location extends StixCoreCommon {
  type: 'location';
  name?: string;
  description?: string;
  latitude?: number;
  longitude?: number;
  precision?: number;
  region?: string;
  country?: string;
  administrative_area?: string;
  city?: string;
  street_address?: string;
  postal_code?: string;
}

export interface Malware extends StixCoreCommon {
  type: 'malware';
  name?: string;
  description?: string;
  malware_types?: string[];
  is_family: boolean;
  aliases?: string[];
  kill_chain_phases?: KillChainPhase[];
  first_seen?: Timestamp;
  last_seen?: Timestamp;
  operating_system_refs?: Identifier<'software'>[];
  architecture_execution_envs?: string[];
  implementation_languages?: string[];
  capabilities?: string[];
  sample_refs?: Identifier<'file' | 'artifact'>[];
}

export interface MalwareAnalysis extends StixCoreCommon {
  type: 'malware-analysis';
  product: string;
  version?: string;
  host_vm_ref?: Identifier<'software'>;
  operating_system_ref?: Identifier<'software'>;
  installed_software_refs?: Identifier<'software'>[];
  configuration_version?: string;
  modules?: string[];
  analysis_engine_version?: string;
  analysis_definition_version?: string;
  submitted?: Timestamp;
  analysis_started?: Timestamp;
  analysis_ended?: Timestamp;
  result_name?: string;
  result?: string;
  analysis_sco_refs?: Identifier[];
  sample_ref?: Identifier<'file' | 'artifact' | 'network-traffic'>;
}

export interface Note extends StixCoreCommon {
  type: 'note';
  abstract?: string;
  content: string;
  authors?: string[];
  object_refs: Identifier[];
}

export interface ObservedData extends StixCoreCommon {
  type: 'observed-data';
  first_observed: Timestamp;
  last_observed: Timestamp;
  number_observed: number;
  object_refs?: Identifier[];
  /** Deprecated in STIX 2.1. */
  objects?: Record<string, unknown>;
}

export interface Opinion extends StixCoreCommon {
  type: 'opinion';
  explanation?: string;
  authors?: string[];
  opinion: 'strongly-disagree' | 'disagree' | 'neutral' | 'agree' | 'strongly-agree';
  object_refs: Identifier[];
}

export interface Report extends StixCoreCommon {
  type: 'report';
  name: string;
  description?: string;
  report_types?: string[];
  published: Timestamp;
  object_refs: Identifier[];
}

export interface ThreatActor extends StixCoreCommon {
  type: 'threat-actor';
  name: string;
  description?: string;
  threat_actor_types?: string[];
  aliases?: string[];
  first_seen?: Timestamp;
  last_seen?: Timestamp;
  roles?: string[];
  goals?: string[];
  sophistication?: string;
  resource_level?: string;
  primary_motivation?: string;
  secondary_motivations?: string[];
  personal_motivations?: string[];
}

export interface Tool extends StixCoreCommon {
  type: 'tool';
  name: string;
  description?: string;
  tool_types?: string[];
  aliases?: string[];
  kill_chain_phases?: KillChainPhase[];
  tool_version?: string;
}

export interface Vulnerability extends StixCoreCommon {
  type: 'vulnerability';
  name: string;
  description?: string;
  external_references?: ExternalReference[];
}

export type StixDomainObject =
  | AttackPattern
  | Campaign
  | CourseOfAction
  | Grouping
  | Identity
  | Incident
  | Indicator
  | Infrastructure
  | IntrusionSet
  | Location
  | Malware
  | MalwareAnalysis
  | Note
  | ObservedData
  | Opinion
  | Report
  | ThreatActor
  | Tool
  | Vulnerability;
