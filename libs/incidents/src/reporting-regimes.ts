// Which reporting regime each sector's entities follow, as configured in config/network.yaml
// (`sectors.<sector>.regime: nis2 | dora`) — pure parsing; the file is read by RegimeDirectory.
import { parse } from 'yaml';
import type { ReportingRegime } from './reporting-clocks.js';

const REGIMES: readonly ReportingRegime[] = ['nis2', 'dora'];

export class RegimeConfigError extends Error {
  readonly code = 'NETWORK.INVALID';
}

/** The sectors that name a regime; sectors without one follow regimeForSector's default. */
export function parseReportingRegimes(text: string): Record<string, ReportingRegime> {
  const doc = (parse(text) ?? {}) as { sectors?: Record<string, { regime?: unknown } | undefined> };
  const regimes: Record<string, ReportingRegime> = {};
  const problems: string[] = [];
  for (const [sector, unit] of Object.entries(doc.sectors ?? {})) {
    const regime = unit?.regime;
    if (regime === undefined) continue;
    if (!REGIMES.includes(regime as ReportingRegime)) problems.push(`/sectors/${sector}/regime must be one of ${REGIMES.join(', ')}`);
    else regimes[sector] = regime as ReportingRegime;
  }
  if (problems.length > 0) throw new RegimeConfigError(`network definition: ${problems.join('; ')}`);
  return regimes;
}
