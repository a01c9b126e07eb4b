import { defaultPartitionName, monthBounds, monthSuffix, partitionName, uuidTimePrefix, type MonthPartition, type PartitionKeyKind } from './monthly-ranges.js';

/** Anything that runs SQL: a TypeORM DataSource, EntityManager or QueryRunner. */
export interface Queryable {
  // `any`: each caller states the row type it reads, as TypeORM's own query() does
  query(sql: string, parameters?: unknown[]): Promise<any>;
}

/** A table partitioned by month on one key column (`PARTITION BY RANGE (<keyColumn>)`), with a DEFAULT partition. */
export interface MonthlyPartitioning {
  table: string;
  keyColumn: string;
  keyKind: PartitionKeyKind;
  /**
   * Each partition's share of the parent's primary key, named `<name>_<month>` (`deliveries_advisory_org_y2026m01`,
   * `deliveries_advisory_org_default`):
   * a duplicate refused in any partition then names the key it broke. Unset, PostgreSQL names it `<partition>_pkey`.
   */
  primaryKey?: { name: string; columns: string[] };
  /**
   * Statement-level triggers each partition needs as well as the parent: PostgreSQL clones row
   * triggers to partitions but not statement ones, so a statement run on a partition directly
   * would escape the parent's (`timing`: `BEFORE UPDATE OR DELETE OR TRUNCATE`, `function`: its name).
   */
  partitionTriggers?: { name: string; timing: string; function: string }[];
}

/** A month's partition made by a run, with the rows it took over from the default partition; `busy`: its lock was not had in time, left for the next run. */
export interface MonthMade {
  partition: string;
  moved: number;
  busy?: true;
}

export interface PartitionListing {
  months: (MonthPartition & { bytes: number; estimatedRows: number | null })[];
  defaultPartition: string | null;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function ident(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`not a plain identifier: ${name}`);
  return `"${name}"`;
}

/** The partitions of the table, by month, and its default partition's name if it has one. */
export async function listPartitions(db: Queryable, spec: MonthlyPartitioning): Promise<PartitionListing> {
  const bound = `regexp_match(pg_get_expr(c.relpartbound, c.oid), '^FOR VALUES FROM \\(''([^'']*)''\\) TO \\(''([^'']*)''\\)$')`;
  // timestamps print in the session's time zone, with its offset: PostgreSQL reads them back exactly
  const as = spec.keyKind === 'timestamptz' ? '::timestamptz' : '';
  const rows: { name: string; is_default: boolean; lo: string | Date | null; hi: string | Date | null; bytes: string; estimate: string }[] = await db.query(
    `SELECT name, is_default, m[1]${as} AS lo, m[2]${as} AS hi, bytes, estimate
       FROM (SELECT c.relname AS name, pg_get_expr(c.relpartbound, c.oid) = 'DEFAULT' AS is_default, ${bound} AS m,
                    pg_total_relation_size(c.oid) AS bytes, c.reltuples AS estimate
               FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = to_regclass($1)) AS p
      ORDER BY name`,
    [spec.table],
  );
  const time = (value: string | Date): Date => (value instanceof Date ? value : uuidTimePrefix(value));
  return {
    defaultPartition: rows.find((r) => r.is_default)?.name ?? null,
    months: rows
      .filter((r) => !r.is_default && r.lo !== null && r.hi !== null)
      .map((r) => ({
        name: r.name,
        from: time(r.lo!),
        to: time(r.hi!),
        bytes: Number(r.bytes),
        estimatedRows: Number(r.estimate) >= 0 ? Number(r.estimate) : null,
      })),
  };
}

/** Creates the table's DEFAULT partition (the migration's job: run it before the months exist, while it is quick). */
export async function createDefaultPartition(db: Queryable, spec: MonthlyPartitioning): Promise<void> {
  const name = defaultPartitionName(spec.table);
  await createDetached(db, spec, name, 'default');
  await addPartitionTriggers(db, spec, name);
  await db.query(`ALTER TABLE ${ident(spec.table)} ATTACH PARTITION ${ident(name)} DEFAULT`);
}

/** A table shaped as the parent, with its share of the primary key named after the parent's. */
async function createDetached(db: Queryable, spec: MonthlyPartitioning, name: string, suffix: string): Promise<void> {
  await db.query(`CREATE TABLE ${ident(name)} (LIKE ${ident(spec.table)} INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`);
  if (spec.primaryKey) {
    await db.query(
      `ALTER TABLE ${ident(name)} ADD CONSTRAINT ${ident(`${spec.primaryKey.name}_${suffix}`)} PRIMARY KEY (${spec.primaryKey.columns.map(ident).join(', ')})`,
    );
  }
}

async function addPartitionTriggers(db: Queryable, spec: MonthlyPartitioning, partition: string): Promise<void> {
  for (const trigger of spec.partitionTriggers ?? []) {
    await db.query(
      `CREATE TRIGGER ${ident(trigger.name)} ${trigger.timing} ON ${ident(partition)} FOR EACH STATEMENT EXECUTE FUNCTION ${ident(trigger.function)}()`,
    );
  }
}

/**
 * Creates the month's partition unless it exists; answers whether it did, and how many rows it took
 * over from the default partition. Run it in a transaction (the move and the attach go together, and
 * `lockTimeoutMs` is the transaction's: a lock not had in time fails it with lock_not_available).
 *
 * The partition is built apart and then attached: ATTACH takes only SHARE UPDATE EXCLUSIVE on the
 * parent, where `CREATE TABLE … PARTITION OF` would stop every reader and writer of the table for
 * the moment. Rows of that month already in the default partition (a month nobody made ahead, or a
 * UUID of another version whose random first bits fall in the month) move over first, since
 * PostgreSQL refuses to attach a range the default partition holds rows of.
 */
export async function createMonthPartition(
  db: Queryable,
  spec: MonthlyPartitioning,
  month: Date,
  lockTimeoutMs = 5000,
): Promise<{ created: boolean; moved: number }> {
  const name = partitionName(spec.table, month);
  const [{ exists }]: { exists: boolean }[] = await db.query(`SELECT to_regclass($1) IS NOT NULL AS exists`, [name]);
  if (exists) return { created: false, moved: 0 };
  // the attach holds the default partition alone while it checks it: never queue behind a long query (and everyone behind us)
  await db.query(`SELECT set_config('lock_timeout', $1, true)`, [`${Math.max(1, Math.floor(lockTimeoutMs))}ms`]);
  const { from, to } = monthBounds(spec.keyKind, month);
  const [table, key] = [ident(spec.table), ident(spec.keyColumn)];
  await createDetached(db, spec, name, monthSuffix(month));
  let moved = 0;
  const fallback = defaultPartitionName(spec.table);
  const [{ has_default: hasDefault }]: { has_default: boolean }[] = await db.query(`SELECT to_regclass($1) IS NOT NULL AS has_default`, [fallback]);
  if (hasDefault) {
    // the lock the ATTACH takes on the default partition, taken before looking into it: an entry of
    // the month written after the look would land in the default partition (the month is not
    // attached yet) and PostgreSQL would refuse the ATTACH; now such a writer waits, then finds the
    // month attached (or is refused, and its job tries again)
    await db.query(`LOCK TABLE ${ident(fallback)} IN ACCESS EXCLUSIVE MODE`);
    const inRange = `${key} >= '${from}' AND ${key} < '${to}'`;
    const waiting: unknown[] = await db.query(`SELECT 1 FROM ${ident(fallback)} WHERE ${inRange} LIMIT 1`);
    if (waiting.length > 0) {
      // moving is not deleting: the default partition's guards stand aside for this transaction only
      for (const trigger of spec.partitionTriggers ?? []) await db.query(`ALTER TABLE ${ident(fallback)} DISABLE TRIGGER ${ident(trigger.name)}`);
      const [{ columns }]: { columns: string }[] = await db.query(
        `SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) AS columns FROM pg_attribute WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped`,
        [spec.table],
      );
      const [{ count }]: { count: number }[] = await db.query(
        `WITH moved AS (DELETE FROM ${ident(fallback)} WHERE ${inRange} RETURNING ${columns}),
              inserted AS (INSERT INTO ${ident(name)} (${columns}) SELECT ${columns} FROM moved RETURNING 1)
         SELECT count(*)::int AS count FROM inserted`,
      );
      moved = count;
      for (const trigger of spec.partitionTriggers ?? []) await db.query(`ALTER TABLE ${ident(fallback)} ENABLE TRIGGER ${ident(trigger.name)}`);
    }
  }
  await addPartitionTriggers(db, spec, name);
  await db.query(`ALTER TABLE ${table} ATTACH PARTITION ${ident(name)} FOR VALUES FROM ('${from}') TO ('${to}')`);
  return { created: true, moved };
}

/**
 * Drops a partition, rows and indexes at once: no DELETE, no dead tuples, no vacuum. It needs an
 * ACCESS EXCLUSIVE lock on the parent for an instant; `lockTimeoutMs` keeps it from queueing behind
 * a long query (and everyone else behind it): a drop that cannot have the lock in time fails, and
 * the next run tries again. Run it in a transaction (the lock timeout is the transaction's).
 */
export async function dropPartition(db: Queryable, spec: MonthlyPartitioning, name: string, lockTimeoutMs = 5000): Promise<void> {
  const [{ parent }]: { parent: string | null }[] = await db.query(
    `SELECT (SELECT i.inhparent::regclass::text FROM pg_inherits i WHERE i.inhrelid = to_regclass($1)) AS parent`,
    [name],
  );
  if (parent !== spec.table) throw new Error(`${name} is not a partition of ${spec.table}`);
  await db.query(`SELECT set_config('lock_timeout', $1, true)`, [`${Math.max(1, Math.floor(lockTimeoutMs))}ms`]);
  await db.query(`DROP TABLE ${ident(name)}`);
}

/** Whether `error` is PostgreSQL's lock_not_available (55P03): a lock not had within lock_timeout. */
export function isLockTimeout(error: unknown): boolean {
  const pgError = ((error as { driverError?: unknown })?.driverError ?? error) as { code?: unknown } | null | undefined;
  return pgError?.code === '55P03';
}
