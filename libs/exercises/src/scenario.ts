// Issue 19: an exercise's scenario — injects prepared in advance, each at an offset (in minutes of
// the exercise clock) from the start. Read at the edge (the API, a scenario file) and checked here,
// every problem at once, each with the JSON pointer of what to fix.
import { TLP_LABELS } from '@isac/tlp';
export const INJECT_KINDS = ['major-incident', 'alert', 'advisory', 'case', 'status'] as const;
export type InjectKind = (typeof INJECT_KINDS)[number];

export const SCENARIO_SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export const SCENARIO_STATES = ['not-affected', 'affected', 'degraded', 'recovering', 'recovered'] as const;
/** an exercise lasts at most a week of exercise time */
export const MAX_OFFSET_MINUTES = 7 * 24 * 60;
export const MAX_INJECTS = 200;

export interface Audience {
  all?: boolean;
  sectors?: string[];
  organisations?: string[];
}

interface InjectBase {
  /** minutes from the start, on the exercise clock */
  at: number;
}
export interface MajorIncidentInject extends InjectBase {
  kind: 'major-incident';
  title: string;
  tlp: string;
  sectors: string[];
  sitrepEveryMinutes?: number;
}
export interface MessageInject extends InjectBase {
  kind: 'alert' | 'advisory';
  /** the author: the centre when left out (alerts are always the centre's) */
  from?: string;
  title: string;
  body: string;
  severity: string;
  tlp: string;
  audience: Audience;
  /** alerts: ask for acknowledgement (default true) */
  requiresAck?: boolean;
}
export interface CaseInject extends InjectBase {
  kind: 'case';
  /** the reporting organisation (a member or a sector unit) */
  from: string;
  name: string;
  description?: string;
  tlp: string;
  severity?: string;
  affectedSectors?: string[];
}
export interface StatusInject extends InjectBase {
  kind: 'status';
  sector: string;
  state: string;
  note?: string;
}
export type Inject = MajorIncidentInject | MessageInject | CaseInject | StatusInject;

export interface Scenario {
  title: string;
  description?: string;
  injects: Inject[];
}

export interface ScenarioProblem {
  pointer: string;
  detail: string;
}

/** What a scenario may name: the network's sectors and organisations (slug → kind). */
export interface ScenarioNetwork {
  sectors: readonly string[];
  organisations: ReadonlyMap<string, 'centre' | 'sector-unit' | 'member'>;
}

export type ScenarioResult = { ok: true; scenario: Scenario } | { ok: false; problems: ScenarioProblem[] };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks a parsed scenario (JSON or YAML) against the network; every problem at once, with its pointer. */
export function validateScenario(input: unknown, network: ScenarioNetwork): ScenarioResult {
  const problems: ScenarioProblem[] = [];
  const problem = (pointer: string, detail: string) => problems.push({ pointer, detail });
  if (!isObject(input)) return { ok: false, problems: [{ pointer: '', detail: 'a scenario is an object with "title" and "injects"' }] };
  const text = (value: unknown, pointer: string, max: number, required = true) => {
    if (value === undefined && !required) return;
    if (typeof value !== 'string' || value.trim() === '') problem(pointer, 'must be a non-empty string');
    else if (value.length > max) problem(pointer, `must be at most ${max} characters`);
  };
  const oneOf = (value: unknown, pointer: string, allowed: readonly string[], required = true) => {
    if (value === undefined && !required) return;
    if (typeof value !== 'string' || !allowed.includes(value))
      problem(pointer, `must be one of ${allowed.join(', ')}${value === undefined ? '' : ` (got ${JSON.stringify(value)})`}`);
  };
  const sectorList = (value: unknown, pointer: string, required: boolean) => {
    if (value === undefined && !required) return;
    if (!Array.isArray(value) || (required && value.length === 0))
      return problem(pointer, `must be a${required ? ' non-empty' : 'n'} array of sectors (${network.sectors.join(', ')})`);
    value.forEach((s, i) => oneOf(s, `${pointer}/${i}`, network.sectors));
  };
  const organisation = (value: unknown, pointer: string, kinds: readonly string[]) => {
    if (typeof value !== 'string') return problem(pointer, 'must be the slug of an organisation of the network');
    const kind = network.organisations.get(value);
    if (kind === undefined) problem(pointer, `"${value}" is not an organisation of the network`);
    else if (!kinds.includes(kind)) problem(pointer, `"${value}" is a ${kind}; this inject needs a ${kinds.join(' or ')}`);
  };
  const known = (inject: Record<string, unknown>, pointer: string, fields: string[]) => {
    for (const key of Object.keys(inject))
      if (!['at', 'kind', ...fields].includes(key)) problem(`${pointer}/${key}`, `is not a field of a "${String(inject.kind)}" inject (${fields.join(', ')})`);
  };

  text(input.title, '/title', 300);
  text(input.description, '/description', 5000, false);
  for (const key of Object.keys(input))
    if (!['title', 'description', 'injects'].includes(key)) problem(`/${key}`, 'is not a field of a scenario (title, description, injects)');
  if (!Array.isArray(input.injects) || input.injects.length === 0) {
    problem('/injects', 'must be a non-empty array of injects');
    return { ok: false, problems };
  }
  if (input.injects.length > MAX_INJECTS) problem('/injects', `holds at most ${MAX_INJECTS} injects`);
  let declaredAt: number | undefined;
  let declaredSectors: unknown[] = [];
  input.injects.forEach((raw: unknown, i: number) => {
    const at = `/injects/${i}`;
    if (!isObject(raw)) return problem(at, `must be an object with "at" and "kind" (${INJECT_KINDS.join(', ')})`);
    if (typeof raw.at !== 'number' || !Number.isInteger(raw.at) || raw.at < 0 || raw.at > MAX_OFFSET_MINUTES)
      problem(`${at}/at`, `must be a whole number of minutes from the start, 0 to ${MAX_OFFSET_MINUTES}`);
    switch (raw.kind) {
      case 'major-incident':
        known(raw, at, ['title', 'tlp', 'sectors', 'sitrepEveryMinutes']);
        if (declaredAt !== undefined) problem(`${at}/kind`, 'a scenario declares one major incident at most');
        declaredAt = typeof raw.at === 'number' ? raw.at : 0;
        declaredSectors = Array.isArray(raw.sectors) ? raw.sectors : [];
        text(raw.title, `${at}/title`, 280);
        oneOf(raw.tlp, `${at}/tlp`, TLP_LABELS);
        sectorList(raw.sectors, `${at}/sectors`, true);
        if (
          raw.sitrepEveryMinutes !== undefined &&
          (typeof raw.sitrepEveryMinutes !== 'number' ||
            !Number.isInteger(raw.sitrepEveryMinutes) ||
            raw.sitrepEveryMinutes < 5 ||
            raw.sitrepEveryMinutes > 1440)
        ) {
          problem(`${at}/sitrepEveryMinutes`, 'must be a whole number of minutes, 5 to 1440');
        }
        break;
      case 'alert':
      case 'advisory': {
        known(raw, at, ['from', 'title', 'body', 'severity', 'tlp', 'audience', ...(raw.kind === 'alert' ? ['requiresAck'] : [])]);
        if (raw.from !== undefined) organisation(raw.from, `${at}/from`, raw.kind === 'alert' ? ['centre'] : ['centre', 'sector-unit', 'member']);
        text(raw.title, `${at}/title`, 280);
        text(raw.body, `${at}/body`, 100_000);
        oneOf(raw.severity, `${at}/severity`, SCENARIO_SEVERITIES);
        oneOf(raw.tlp, `${at}/tlp`, TLP_LABELS);
        if (raw.requiresAck !== undefined && typeof raw.requiresAck !== 'boolean') problem(`${at}/requiresAck`, 'must be true or false');
        checkAudience(raw.audience, `${at}/audience`, network, problem, sectorList);
        break;
      }
      case 'case':
        known(raw, at, ['from', 'name', 'description', 'tlp', 'severity', 'affectedSectors']);
        organisation(raw.from, `${at}/from`, ['sector-unit', 'member']);
        text(raw.name, `${at}/name`, 480);
        text(raw.description, `${at}/description`, 10_000, false);
        oneOf(raw.tlp, `${at}/tlp`, TLP_LABELS);
        oneOf(raw.severity, `${at}/severity`, SCENARIO_SEVERITIES, false);
        sectorList(raw.affectedSectors, `${at}/affectedSectors`, false);
        break;
      case 'status':
        known(raw, at, ['sector', 'state', 'note']);
        oneOf(raw.sector, `${at}/sector`, network.sectors);
        oneOf(raw.state, `${at}/state`, SCENARIO_STATES);
        text(raw.note, `${at}/note`, 2000, false);
        if (declaredAt === undefined) problem(`${at}/kind`, 'a status change needs a "major-incident" inject before it in the list');
        else if (typeof raw.at === 'number' && raw.at < declaredAt) problem(`${at}/at`, `comes before the major incident is declared (at ${declaredAt})`);
        else if (typeof raw.sector === 'string' && !declaredSectors.includes(raw.sector))
          problem(`${at}/sector`, `"${raw.sector}" is not a sector of the major incident (${declaredSectors.join(', ')})`);
        break;
      default:
        problem(`${at}/kind`, `must be one of ${INJECT_KINDS.join(', ')}${raw.kind === undefined ? '' : ` (got ${JSON.stringify(raw.kind)})`}`);
    }
  });
  return problems.length ? { ok: false, problems } : { ok: true, scenario: input as unknown as Scenario };
}

function checkAudience(
  value: unknown,
  pointer: string,
  network: ScenarioNetwork,
  problem: (pointer: string, detail: string) => void,
  sectorList: (value: unknown, pointer: string, required: boolean) => void,
): void {
  if (!isObject(value)) return problem(pointer, 'must be an object: {"all": true}, {"sectors": [...]} and/or {"organisations": [...]}');
  for (const key of Object.keys(value))
    if (!['all', 'sectors', 'organisations'].includes(key))
      problem(`${pointer}/${key}`, 'is not a field of an exercise audience (all, sectors, organisations)');
  if (value.all !== undefined && typeof value.all !== 'boolean') problem(`${pointer}/all`, 'must be true or false');
  sectorList(value.sectors, `${pointer}/sectors`, false);
  if (value.organisations !== undefined) {
    if (!Array.isArray(value.organisations)) problem(`${pointer}/organisations`, 'must be an array of organisation slugs');
    else
      value.organisations.forEach((slug, i) => {
        if (typeof slug !== 'string' || !network.organisations.has(slug))
          problem(`${pointer}/organisations/${i}`, `${JSON.stringify(slug)} is not an organisation of the network`);
      });
  }
  if (value.all !== true && !(Array.isArray(value.sectors) && value.sectors.length) && !(Array.isArray(value.organisations) && value.organisations.length)) {
    problem(pointer, 'names nobody: give "all": true, sectors or organisations');
  }
}

/** The injects in the order they play: by offset, then as listed. */
export function playOrder(scenario: Scenario): { position: number; inject: Inject }[] {
  return scenario.injects.map((inject, position) => ({ position, inject })).sort((a, b) => a.inject.at - b.inject.at || a.position - b.position);
}
