// Rules about which marking an item must carry and to whom it may be addressed — checked when an
// item is created, before any read. Who may then read it is decided in policy.ts.
import { parseTlpLabel, type TlpLabel } from './labels.js';
import { allow, deny, type Decision } from './decision.js';

/** A domain error with a stable code (`TLP.MISSING`, `TLP.INVALID`) that the HTTP layer maps to a status. */
export class TlpError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'TlpError';
  }
}

/**
 * DESIGN §2: an incident without a marking is treated as TLP:AMBER+STRICT — the reporter, the
 * centre and its sector unit (the recipients every incident carries) may read it, nobody else,
 * and it is never forwarded. Apply it where an incident is stored or read; canRead also applies
 * it to items of kind 'incident' so a forgotten call cannot leak or hide an incident.
 */
export function effectiveIncidentTlp(tlp: TlpLabel | undefined): TlpLabel {
  return tlp ?? 'TLP:AMBER+STRICT';
}

/**
 * DESIGN §2: an advisory or alert without a marking is refused (unlike incidents, the author
 * chooses an audience, so it must say under which rule). TLP 1.0 WHITE is accepted as CLEAR.
 */
export function requireAdvisoryTlp(tlp: string | null | undefined): TlpLabel {
  if (tlp === undefined || tlp === null || tlp.trim() === '') {
    throw new TlpError('TLP.MISSING', 'An advisory or alert must carry a TLP marking (TLP:CLEAR, TLP:GREEN, TLP:AMBER, TLP:AMBER+STRICT or TLP:RED).');
  }
  const label = parseTlpLabel(tlp);
  if (label === undefined) {
    throw new TlpError('TLP.INVALID', `"${tlp}" is not a TLP label; use TLP:CLEAR, TLP:GREEN, TLP:AMBER, TLP:AMBER+STRICT or TLP:RED.`);
  }
  return label;
}

export interface Audience {
  all?: boolean;
  sectors?: string[];
  organisations?: string[];
}

/**
 * FIRST TLP 2.0: TLP:RED is "for the eyes and ears of individual recipients only" and
 * TLP:AMBER+STRICT restricts sharing "to the organization only" — both presuppose recipients the
 * author chose one by one. Addressing them to everybody or to a whole sector (whose membership
 * changes over time) would hand the choice of readers to the hub, so only named organisations are
 * allowed. CLEAR, GREEN and AMBER may go to any audience.
 */
export function audienceAllowed(tlp: TlpLabel, audience: Audience): Decision {
  if (tlp !== 'TLP:RED' && tlp !== 'TLP:AMBER+STRICT') {
    return allow(`${tlp} may be addressed to any audience.`);
  }
  const problems: string[] = [];
  if (audience.all) problems.push('not to everybody');
  if (audience.sectors !== undefined && audience.sectors.length > 0) problems.push('not to whole sectors');
  if (audience.organisations === undefined || audience.organisations.length === 0) problems.push('at least one organisation must be named');
  if (problems.length > 0) {
    return deny('TLP.AUDIENCE_NOT_NAMED', `${tlp} may only be addressed to named organisations: ${problems.join('; ')}.`);
  }
  return allow(`${tlp} is addressed to named organisations only.`);
}
