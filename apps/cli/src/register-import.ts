// `isac infra import`: a register file → the bodies of POST /api/v1/infrastructure, one per entry,
// each with where it came from (a CSV row, a JSON index) so a refusal names the line to fix. Pure.
import { usageError } from './exit-codes.js';

export interface RegisterEntryBody {
  name: string;
  kind: string;
  criticality: string;
  products?: string[];
  dependsOn?: string[];
  tlp?: string;
}

export interface ImportedEntry {
  /** `row 3` of a CSV file (the header is row 1), `entry 0` of a JSON list */
  source: string;
  body: RegisterEntryBody;
}

const COLUMNS = ['name', 'kind', 'criticality', 'products', 'dependson', 'tlp'] as const;
const REQUIRED = ['name', 'kind', 'criticality'] as const;

/** RFC 4180 records: fields split on commas, quotes around fields holding commas, quotes or line breaks. */
export function csvRecords(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRecord = () => {
    record.push(field);
    field = '';
    if (!(record.length === 1 && record[0].trim() === '')) records.push(record);
    record = [];
  };
  for (; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
    } else field += c;
  }
  if (quoted) throw usageError('the CSV ends inside a quoted field');
  if (field !== '' || record.length) endRecord();
  return records;
}

const listCell = (cell: string | undefined) =>
  (cell ?? '')
    .split(';')
    .map((v) => v.trim())
    .filter(Boolean);

/** A CSV with a header naming the columns name,kind,criticality (required), products, dependsOn, tlp (any order); lists `;`-separated. */
export function entriesFromCsv(text: string): ImportedEntry[] {
  const [header, ...rows] = csvRecords(text);
  if (!header) throw usageError('the CSV is empty: it needs a header row (name,kind,criticality,products,dependsOn,tlp)');
  const columns = header.map((h) => h.trim().toLowerCase());
  const unknown = columns.filter((c) => !(COLUMNS as readonly string[]).includes(c));
  const unknownNoun = unknown.length === 1 ? 'column' : 'columns';
  if (unknown.length) throw usageError(`unknown CSV ${unknownNoun} ${unknown.join(', ')}: the columns are name,kind,criticality,products,dependsOn,tlp`);
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  if (missing.length) throw usageError(`the CSV header lacks ${missing.join(', ')}`);
  return rows.map((row, r) => {
    const cell = (column: string) => {
      const at = columns.indexOf(column);
      return at < 0 ? undefined : row[at]?.trim();
    };
    const products = listCell(cell('products'));
    const dependsOn = listCell(cell('dependson'));
    const tlp = cell('tlp');
    const body: RegisterEntryBody = { name: cell('name') ?? '', kind: cell('kind') ?? '', criticality: cell('criticality') ?? '' };
    if (products.length) body.products = products;
    if (dependsOn.length) body.dependsOn = dependsOn;
    if (tlp) body.tlp = tlp;
    return { source: `row ${r + 2}`, body };
  });
}

const stringList = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined);

/** A JSON list of entries, or `{ "entries": [...] }` as `isac infra list --json` prints it (ids and dates are left out). */
export function entriesFromJson(value: unknown): ImportedEntry[] {
  const list = Array.isArray(value) ? value : (value as { entries?: unknown } | null)?.entries;
  if (!Array.isArray(list)) throw usageError('the JSON must be a list of entries or {"entries": [...]}');
  return list.map((item, i) => {
    const e = (item ?? {}) as Record<string, unknown>;
    const body: RegisterEntryBody = { name: e.name as string, kind: e.kind as string, criticality: e.criticality as string };
    const products = stringList(e.products);
    const dependsOn = stringList(e.dependsOn);
    if (products?.length) body.products = products;
    if (dependsOn?.length) body.dependsOn = dependsOn;
    if (typeof e.tlp === 'string') body.tlp = e.tlp;
    return { source: `entry ${i}`, body };
  });
}

/** By the file's name (.csv) or, for anything else, its content: JSON (a STIX bundle is the caller's to read), else a usage error. */
export function registerFile(file: string, text: string): { csv: ImportedEntry[] } | { json: unknown } {
  if (/\.csv$/i.test(file)) return { csv: entriesFromCsv(text) };
  try {
    return { json: JSON.parse(text) };
  } catch (error) {
    throw usageError(`${file} is neither a .csv file nor JSON: ${(error as Error).message}`);
  }
}

/** A CSV file or a JSON list of entries. */
export function entriesFromFile(file: string, text: string): ImportedEntry[] {
  const read = registerFile(file, text);
  return 'csv' in read ? read.csv : entriesFromJson(read.json);
}
