// The example registers of config/network.yaml (`registers:`, issue 18): a few entries per sector so
// a new hub shows overviews, a dependency graph and targeted warnings from its first start. Pure:
// checked in full against the network it is seeded with, every problem with its place in the file.
import { parse } from 'yaml';
import { checkEntry, type CheckedEntry } from './register-entry.js';
import { ASSET_KINDS, CRITICALITIES } from './register.types.js';

export class ExampleRegistersError extends Error {
  readonly code = 'NETWORK.INVALID_REGISTERS';
}

export interface ExampleRegister {
  slug: string;
  entries: CheckedEntry[];
}

const ENTRY_KEYS = ['name', 'kind', 'criticality', 'products', 'dependsOn', 'tlp'];

const stringList = (value: unknown) => value === undefined || (Array.isArray(value) && value.every((v) => typeof v === 'string'));

/**
 * Reads the `registers:` section: organisation slug → list of entries as POST /api/v1/infrastructure
 * takes them. No section: no example registers. `slugs` are the network's organisations.
 */
export function parseExampleRegisters(text: string, slugs: ReadonlySet<string>): ExampleRegister[] {
  const root = (parse(text) ?? {}) as Record<string, unknown>;
  const section = root.registers;
  if (section === undefined || section === null) return [];
  if (typeof section !== 'object' || Array.isArray(section))
    throw new ExampleRegistersError('example registers: /registers must map organisation slugs to lists of entries');
  const problems: string[] = [];
  const network = { bySlug: (slug: string) => (slugs.has(slug) ? slug : undefined) };
  const registers: ExampleRegister[] = [];
  for (const [slug, listed] of Object.entries(section as Record<string, unknown>)) {
    const where = `/registers/${slug}`;
    if (!slugs.has(slug)) {
      problems.push(`${where}: "${slug}" is not an organisation of the network`);
      continue;
    }
    if (!Array.isArray(listed)) {
      problems.push(`${where} must be a list of entries`);
      continue;
    }
    const entries: CheckedEntry[] = [];
    const names = new Set<string>();
    listed.forEach((raw: unknown, i) => {
      const at = `${where}/${i}`;
      const entry = (raw ?? {}) as Record<string, unknown>;
      if (typeof raw !== 'object' || Array.isArray(raw)) return problems.push(`${at} must be an entry (name, kind, criticality, products, dependsOn, tlp)`);
      const shapeProblems = [
        ...Object.keys(entry).filter((k) => !ENTRY_KEYS.includes(k)).map((k) => `${at}/${k} is not a field of an entry (${ENTRY_KEYS.join(', ')})`),
        ...(typeof entry.name !== 'string' || entry.name.length < 1 || entry.name.length > 200 ? [`${at}/name must be a text of 1 to 200 characters`] : []),
        ...(!(ASSET_KINDS as readonly unknown[]).includes(entry.kind) ? [`${at}/kind must be one of ${ASSET_KINDS.join(', ')}`] : []),
        ...(!(CRITICALITIES as readonly unknown[]).includes(entry.criticality) ? [`${at}/criticality must be one of ${CRITICALITIES.join(', ')}`] : []),
        ...(!stringList(entry.products) ? [`${at}/products must be a list of CPE 2.3 names`] : []),
        ...(!stringList(entry.dependsOn) ? [`${at}/dependsOn must be a list of slugs or external:<supplier name>`] : []),
        ...(entry.tlp !== undefined && typeof entry.tlp !== 'string' ? [`${at}/tlp must be a TLP label`] : []),
      ];
      if (shapeProblems.length) return problems.push(...shapeProblems);
      if (names.has(entry.name as string)) return problems.push(`${at}/name "${entry.name}" is listed twice for ${slug} (the seed adds an entry by its name)`);
      names.add(entry.name as string);
      const checked = checkEntry(entry as never, network);
      if (!checked.ok) return problems.push(...checked.problems.map((p) => `${at}${p.pointer} ${p.detail}`));
      entries.push(checked.entry);
    });
    registers.push({ slug, entries });
  }
  if (problems.length) throw new ExampleRegistersError(`example registers: ${problems.join('; ')}`);
  return registers;
}
