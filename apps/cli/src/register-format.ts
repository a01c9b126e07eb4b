// Human output of `isac infra`: register entries and the reach of a product or provider. Pure.
import { list, table, tlpLabel } from './output.js';

export interface RegisterEntryView {
  id: string;
  organisation: { id: string; slug: string | null };
  name: string;
  kind: string;
  criticality: string;
  products: string[];
  dependsOn: string[];
  tlp: string;
  createdAt: string;
}

export interface ReachView {
  entries: (RegisterEntryView & { matched: string[] })[];
  organisations: { slug: string | null; sector: string | null; entries: number; highestCriticality: string; matched: string[] }[];
  sectors: { sector: string; organisations: number; entries: number }[];
}

/** `cpe:2.3:a:ivanti:connect_secure:22.7r2.3:*:…` → `ivanti:connect_secure:22.7r2.3`: the part a reader scans for. */
export function shortCpe(formatted: string): string {
  const fields = formatted.split(/(?<!\\):/);
  return fields.length >= 6 ? fields.slice(3, 6).filter((f) => f !== '*').join(':') : formatted;
}

const row = (e: RegisterEntryView, colour: boolean) => [
  e.id.slice(0, 8),
  tlpLabel(e.tlp, colour),
  e.organisation.slug ?? '-',
  e.criticality,
  e.kind,
  e.name,
  list(e.products.map(shortCpe)),
  list(e.dependsOn),
];
const HEADER = ['entry', 'tlp', 'organisation', 'criticality', 'kind', 'name', 'products', 'depends on'];

export function registerTable(entries: RegisterEntryView[], colour: boolean): string[] {
  return table(HEADER, entries.map((e) => row(e, colour)));
}

/** The matching entries, then who they belong to: organisations most critical first, and sectors. */
export function reachLines(reach: ReachView, colour: boolean): string[] {
  if (reach.entries.length === 0) return ['no register you may read matches'];
  const orgs = reach.organisations.length;
  return [
    ...table([...HEADER, 'matched'], reach.entries.map((e) => [...row(e, colour), e.matched.join(',')])),
    '',
    `${orgs} organisation${orgs === 1 ? '' : 's'} in ${reach.sectors.length} sector${reach.sectors.length === 1 ? '' : 's'}: ` +
      `${reach.sectors.map((s) => `${s.sector} ${s.organisations}`).join(', ') || '-'}`,
    ...reach.organisations.map(
      (o) =>
        `  ${o.slug ?? '-'} (${o.sector ?? '-'}): ${o.entries} entr${o.entries === 1 ? 'y' : 'ies'}, ` +
          `highest ${o.highestCriticality}, by ${o.matched.join(' and ')}`,
    ),
  ];
}
