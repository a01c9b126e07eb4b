// The scale bench's data: a network of 60 sector units (the six sectors ten times over) and their
// members, then a year of advisories with their inbox entries and of STIX objects, loaded with COPY.
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { SECTORS } from '@isac/organisations';
import { TLP2_MARKING_IDS, type TlpLabel } from '@isac/stix';
import { INBOX_PARTITIONING, uuidV7 } from '@isac/advisories';
import { createMonthPartition } from '@isac/partitions';

export const UNITS_PER_SECTOR = 10;
const YEAR_MS = 365 * 24 * 3600 * 1000;

export interface ScaleOrg {
  id: string;
  slug: string;
  kind: 'centre' | 'sector-unit' | 'member';
  sector: string | null;
  parentId: string | null;
}

export interface ScaleNetwork {
  centre: ScaleOrg;
  units: ScaleOrg[];
  members: ScaleOrg[];
  all: ScaleOrg[];
  /** the organisations of a sector (its units and their members), as audiences and collections count them */
  inSector: Map<string, string[]>;
  unitMembers: Map<string, string[]>;
}

/**
 * After the network file's seed (the centre and one unit per sector): nine more units per sector
 * and `memberCount` members spread evenly over the 60 units; the shipped example members removed.
 */
export async function createNetwork(client: pg.Client, memberCount: number): Promise<ScaleNetwork> {
  await client.query(`DELETE FROM organisations WHERE kind = 'member'`);
  for (const sector of SECTORS) {
    await client.query(
      `INSERT INTO organisations (slug, name, kind, sector, parent_id, stix_identity_id)
       SELECT $1 || '-' || g, initcap($1) || ' CSIRT ' || g, 'sector-unit', $1, (SELECT id FROM organisations WHERE kind = 'centre'), 'identity--' || gen_random_uuid()
         FROM generate_series(2, $2::int) g`,
      [sector, UNITS_PER_SECTOR],
    );
  }
  const units: { id: string; slug: string }[] = (await client.query(`SELECT id, slug FROM organisations WHERE kind = 'sector-unit' ORDER BY slug`)).rows;
  for (const [u, unit] of units.entries()) {
    const count = Math.floor(memberCount / units.length) + (u < memberCount % units.length ? 1 : 0);
    await client.query(
      `INSERT INTO organisations (slug, name, kind, sector, parent_id, stix_identity_id)
       SELECT $1 || '-m' || g, 'Member ' || $1 || ' ' || g, 'member', (SELECT sector FROM organisations WHERE id = $2), $2, 'identity--' || gen_random_uuid()
         FROM generate_series(1, $3::int) g`,
      [unit.slug, unit.id, count],
    );
  }
  return readNetwork(client);
}

/** The network as a database holds it (made by createNetwork, in this run or a kept database's). */
export async function readNetwork(client: pg.Client): Promise<ScaleNetwork> {
  const rows: { id: string; slug: string; kind: ScaleOrg['kind']; sector: string | null; parent_id: string | null }[] = (
    await client.query(`SELECT id, slug, kind, sector, parent_id FROM organisations ORDER BY kind, slug`)
  ).rows;
  const all = rows.map((r) => ({ id: r.id, slug: r.slug, kind: r.kind, sector: r.sector, parentId: r.parent_id }));
  const inSector = new Map<string, string[]>(SECTORS.map((s) => [s, all.filter((o) => o.sector === s && o.kind !== 'centre').map((o) => o.id)]));
  const unitMembers = new Map<string, string[]>();
  for (const o of all) if (o.kind === 'member') unitMembers.set(o.parentId!, [...(unitMembers.get(o.parentId!) ?? []), o.id]);
  return {
    centre: all.find((o) => o.kind === 'centre')!,
    units: all.filter((o) => o.kind === 'sector-unit'),
    members: all.filter((o) => o.kind === 'member'),
    all,
    inSector,
    unitMembers,
  };
}

/** A COPY into `table`: rows are written as text lines, in chunks, with the stream's backpressure. */
async function copyInto(client: pg.Client, table: string, columns: string, rows: Iterable<string>, progress: (n: number) => void): Promise<number> {
  const stream = client.query(copyFrom(`COPY ${table} (${columns}) FROM STDIN`));
  let chunk: string[] = [];
  let n = 0;
  for (const line of rows) {
    chunk.push(line);
    n++;
    if (chunk.length === 5000) {
      if (!stream.write(chunk.join(''))) await once(stream, 'drain');
      chunk = [];
      if (n % 500_000 === 0) progress(n);
    }
  }
  if (chunk.length) stream.write(chunk.join(''));
  stream.end();
  await once(stream, 'finish');
  return n;
}

/**
 * The table's primary key and indexes dropped for the load and built again after it (a sort per
 * index instead of millions of random inserts): the same definitions, read from the catalogue.
 */
async function withoutIndexes<T>(client: pg.Client, table: string, load: () => Promise<T>): Promise<{ result: T; indexSeconds: number }> {
  const constraints: { conname: string; def: string }[] = (
    await client.query(`SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = $1::regclass AND contype IN ('p', 'u')`, [table])
  ).rows;
  const indexes: { indexname: string; indexdef: string }[] = (
    await client.query(`SELECT indexname, indexdef FROM pg_indexes WHERE tablename = $1 AND schemaname = 'public' AND NOT (indexname = ANY($2::text[]))`, [
      table,
      constraints.map((c) => c.conname),
    ])
  ).rows;
  for (const c of constraints) await client.query(`ALTER TABLE ${table} DROP CONSTRAINT "${c.conname}"`);
  for (const i of indexes) await client.query(`DROP INDEX "${i.indexname}"`);
  const result = await load();
  const started = performance.now();
  for (const c of constraints) await client.query(`ALTER TABLE ${table} ADD CONSTRAINT "${c.conname}" ${c.def}`);
  // a partitioned table's index reads `ON ONLY <table>` in the catalogue (the parent alone, left
  // invalid): built on the table, it is built on every partition, as the migration made it
  for (const i of indexes) await client.query(i.indexdef.replace(' ON ONLY ', ' ON '));
  return { result, indexSeconds: (performance.now() - started) / 1000 };
}

/** The advisories' shapes: [audience, how many at scale 1, TLP]; about 10 million inbox entries with 30,000 members. */
const SHAPES = [
  { audience: 'all', count: 150, tlps: ['TLP:GREEN', 'TLP:CLEAR'] },
  { audience: 'sector', count: 800, tlps: ['TLP:AMBER', 'TLP:GREEN'] },
  { audience: 'unit', count: 3000, tlps: ['TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED'] },
] as const;

const esc = (s: string) => s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n');
const iso = (ms: number) => new Date(ms).toISOString();

export interface LoadFigures {
  advisories: number;
  entries: number;
  entriesSeconds: number;
  entriesIndexSeconds: number;
  objects: number;
  objectsSeconds: number;
  objectsIndexSeconds: number;
  vacuumSeconds: number;
}

/**
 * A year of advisories (UUIDv7 ids at their creation instants) and one inbox entry per recipient
 * but the author, as routing writes them; older entries mostly read. Foreign keys and the entries'
 * trigger are not run during the COPY (session_replication_role = replica): the rows are consistent
 * by construction, and checked afterwards.
 */
export async function loadAdvisories(
  client: pg.Client,
  network: ScaleNetwork,
  log: (line: string) => void,
): Promise<Pick<LoadFigures, 'advisories' | 'entries' | 'entriesSeconds' | 'entriesIndexSeconds'>> {
  const now = Date.now();
  const sectorUnits = new Map(SECTORS.map((s) => [s, network.units.filter((u) => u.sector === s)]));
  const plan: { id: string; at: number; author: ScaleOrg; tlp: string; audience: object; recipients: string[] }[] = [];
  let k = 0;
  for (const shape of SHAPES) {
    for (let i = 0; i < shape.count; i++, k++) {
      const at = now - YEAR_MS + Math.floor((((k * 7919) % 100_000) / 100_000) * YEAR_MS);
      const sector = SECTORS[i % SECTORS.length];
      const unit = sectorUnits.get(sector)![Math.floor(i / SECTORS.length) % UNITS_PER_SECTOR];
      const tlp = shape.tlps[i % shape.tlps.length];
      if (shape.audience === 'all') plan.push({ id: '', at, author: network.centre, tlp, audience: { all: true }, recipients: network.all.map((o) => o.id) });
      else if (shape.audience === 'sector')
        plan.push({ id: '', at, author: unit, tlp, audience: { sectors: [sector] }, recipients: network.inSector.get(sector)! });
      else
        plan.push({
          id: '',
          at,
          author: unit,
          tlp,
          audience: { organisations: [unit.slug] },
          recipients: [unit.id, ...(network.unitMembers.get(unit.id) ?? [])],
        });
    }
  }
  plan.sort((a, b) => a.at - b.at);
  for (const p of plan) p.id = uuidV7(p.at);
  // the months of the year loaded, made as the retention job makes them ahead (a year of entries in
  // the default partition is what a hub whose job never ran would have)
  const months = new Set(
    plan.map((p) => {
      const d = new Date(p.at);
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    }),
  );
  for (const month of [...months].sort()) {
    // in a transaction, as the retention job makes them: the default partition is locked while a month is attached
    await client.query('BEGIN');
    // the partitions' helpers take a TypeORM-like query (rows answered), as the job's manager is
    await createMonthPartition(
      { query: async (sql: string, params?: unknown[]) => (await client.query(sql, params)).rows },
      INBOX_PARTITIONING,
      new Date(month),
    );
    await client.query('COMMIT');
  }
  log(`made ${months.size} monthly partitions of the inbox`);
  await client.query(`SET session_replication_role = replica`);
  await client.query(`SET maintenance_work_mem = '512MB'`);
  await copyInto(
    client,
    'advisories',
    'id, kind, author_org_id, title, body, severity, tlp, audience, recipient_org_ids, requires_ack, relayed_at, routed_at, created_at',
    (function* () {
      for (const [i, p] of plan.entries()) {
        const t = iso(p.at);
        yield `${p.id}\tadvisory\t${p.author.id}\t${esc(`Scale advisory ${i}`)}\tBody of scale advisory ${i}.\t${['low', 'medium', 'high', 'critical'][i % 4]}\t${p.tlp}\t${JSON.stringify(p.audience)}\t{${p.recipients.join(',')}}\tf\t${t}\t${t}\t${t}\n`;
      }
    })(),
    () => undefined,
  );
  const started = performance.now();
  let last = started;
  const { result: entries, indexSeconds } = await withoutIndexes(client, 'deliveries', () =>
    copyInto(
      client,
      'deliveries',
      'advisory_id, org_id, delivered_at, read_at',
      (function* () {
        for (const p of plan) {
          const delivered = iso(p.at + 200);
          // entries older than a week: read, nine in ten
          const old = now - p.at > 7 * 24 * 3600 * 1000;
          let r = 0;
          for (const org of p.recipients) {
            if (org === p.author.id) continue;
            yield `${p.id}\t${org}\t${delivered}\t${old && r++ % 10 !== 0 ? iso(p.at + 3_600_000) : '\\N'}\n`;
          }
        }
      })(),
      (n) => {
        const t = performance.now();
        log(`  inbox entries: ${n.toLocaleString('en')} (${Math.round(500_000 / ((t - last) / 1000)).toLocaleString('en')} rows/s)`);
        last = t;
      },
    ),
  );
  const entriesSeconds = (performance.now() - started) / 1000 - indexSeconds;
  await client.query(`RESET session_replication_role`);
  return { advisories: plan.length, entries, entriesSeconds, entriesIndexSeconds: indexSeconds };
}

/**
 * STIX indicators stored over a year by the sector units and members, marked GREEN, AMBER or CLEAR.
 * Each names the author's sector unit as its recipient (see the bench's note on recipient arrays).
 */
export async function loadStixObjects(
  client: pg.Client,
  network: ScaleNetwork,
  count: number,
  log: (line: string) => void,
): Promise<Pick<LoadFigures, 'objects' | 'objectsSeconds' | 'objectsIndexSeconds'>> {
  const now = Date.now();
  const authors = [...network.units, ...network.members];
  const tlps: TlpLabel[] = ['TLP:GREEN', 'TLP:GREEN', 'TLP:AMBER', 'TLP:CLEAR'];
  await client.query(`SET session_replication_role = replica`);
  const started = performance.now();
  let last = started;
  const { result: objects, indexSeconds } = await withoutIndexes(client, 'stix_objects', () =>
    copyInto(
      client,
      'stix_objects',
      'stix_id, version, modified_at, type, author_org_id, tlp, recipient_org_ids, revoked, is_current, object, stored_at',
      (function* () {
        for (let i = 0; i < count; i++) {
          const author = authors[(i * 7919) % authors.length];
          const unitId = author.kind === 'member' ? author.parentId! : author.id;
          const storedAt = now - YEAR_MS + Math.floor((i / count) * YEAR_MS);
          const created = iso(storedAt - 60_000);
          const tlp = tlps[i % tlps.length];
          const id = `indicator--${randomUUID()}`;
          const object = {
            type: 'indicator',
            spec_version: '2.1',
            id,
            created,
            modified: created,
            name: `Scanner address ${i}`,
            pattern: `[ipv4-addr:value = '198.51.${(i >> 8) & 255}.${i & 255}']`,
            pattern_type: 'stix',
            valid_from: created,
            object_marking_refs: [TLP2_MARKING_IDS[tlp]],
          };
          yield `${id}\t${created}\t${created}\tindicator\t${author.id}\t${tlp}\t{${unitId}}\tf\tt\t${esc(JSON.stringify(object))}\t${iso(storedAt)}\n`;
        }
      })(),
      (n) => {
        const t = performance.now();
        log(`  STIX objects: ${n.toLocaleString('en')} (${Math.round(500_000 / ((t - last) / 1000)).toLocaleString('en')} rows/s)`);
        last = t;
      },
    ),
  );
  await client.query(`RESET session_replication_role`);
  return { objects, objectsSeconds: (performance.now() - started) / 1000 - indexSeconds, objectsIndexSeconds: indexSeconds };
}

/** The foreign keys the COPY did not check, checked once: a row of the load naming no advisory or organisation fails the bench. */
export async function checkConsistency(client: pg.Client): Promise<void> {
  const [{ orphans }] = (
    await client.query(
      `SELECT (SELECT count(*) FROM deliveries d WHERE NOT EXISTS (SELECT 1 FROM advisories a WHERE a.id = d.advisory_id) OR NOT EXISTS (SELECT 1 FROM organisations o WHERE o.id = d.org_id))
            + (SELECT count(*) FROM stix_objects s WHERE NOT EXISTS (SELECT 1 FROM organisations o WHERE o.id = s.author_org_id)) AS orphans`,
    )
  ).rows;
  if (Number(orphans) !== 0) throw new Error(`the load left ${orphans} rows naming no advisory or organisation`);
}
