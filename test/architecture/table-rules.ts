// STYLE rule 4: repositories own SQL, and each table has one owner.
import ts from 'typescript';
import { forEachNode, isMigration, isSpec, libOf, lineOf, stringPieces, syntaxOf, type SourceFile, type Violation } from './source-tree.js';

/** Statements of SQL written out in a string: uppercase keywords, as this code base writes them. */
const SQL_STATEMENTS: { what: string; pattern: RegExp }[] = [
  { what: 'SELECT … FROM', pattern: /\bSELECT\b[\s\S]*?\bFROM\b/ },
  { what: 'INSERT INTO', pattern: /\bINSERT\s+INTO\b/ },
  { what: 'UPDATE … SET', pattern: /\bUPDATE\s+"?[\w.]+"?(\s+(AS\s+)?\w+)?\s+SET\b/ },
  { what: 'DELETE FROM', pattern: /\bDELETE\s+FROM\b/ },
];
/** Calls that run or build SQL through TypeORM or pg. */
const SQL_CALLS = new Set(['query', 'createQueryBuilder']);

/**
 * The database's own plumbing, not a context's data: libs/persistence (creating a database, the
 * data source, pinging it), libs/pg-notifications (LISTEN on a connection of its own),
 * libs/unit-of-work (a transaction's statement timeout) and libs/partitions (making, attaching and
 * dropping the monthly partitions of whichever table its owner names).
 */
export const DATABASE_PLUMBING_LIBS = ['partitions', 'persistence', 'pg-notifications', 'unit-of-work'];

const sqlMayLiveIn = (filePath: string) =>
  filePath.endsWith('.repository.ts') || isSpec(filePath) || isMigration(filePath) || DATABASE_PLUMBING_LIBS.includes(libOf(filePath) ?? '');

/**
 * Rule c: SQL only in `*.repository.ts` of libs/ and apps/ — raw statements in strings, and `.query(…)`
 * or `.createQueryBuilder(…)` calls. Migrations, tests (specs, all of test/, benchmarks included) and
 * DATABASE_PLUMBING_LIBS are outside the rule.
 */
export function sqlOutsideRepositoryViolations(files: readonly SourceFile[]): Violation[] {
  return files
    .filter((file) => (file.path.startsWith('libs/') || file.path.startsWith('apps/')) && !sqlMayLiveIn(file.path))
    .flatMap((file) => {
      const found: Violation[] = [];
      for (const piece of stringPieces(file)) {
        const statement = SQL_STATEMENTS.find(({ pattern }) => pattern.test(piece.text));
        if (statement) found.push({ path: file.path, line: piece.line, what: `SQL (${statement.what}) outside a repository` });
      }
      forEachNode(file, (node) => {
        if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && SQL_CALLS.has(node.expression.name.text)) {
          found.push({ path: file.path, line: lineOf(node), what: `.${node.expression.name.text}() outside a repository` });
        }
      });
      return found;
    });
}

/** A table, the entity class that declares it and the library (context) that owns both. */
export interface TableOwner {
  table: string;
  entity: string;
  owner: string;
}

/** Owners as the `@Entity({ name })` (or `@Entity('name')`) declarations of each library say. */
export function tableOwners(files: readonly SourceFile[]): TableOwner[] {
  const owners: TableOwner[] = [];
  for (const file of files) {
    const owner = libOf(file.path);
    if (!owner || !file.path.endsWith('.entity.ts')) continue;
    for (const statement of syntaxOf(file).statements) {
      if (!ts.isClassDeclaration(statement) || !statement.name) continue;
      for (const decorator of ts.getDecorators(statement) ?? []) {
        const call = decorator.expression;
        if (!ts.isCallExpression(call) || !ts.isIdentifier(call.expression) || call.expression.text !== 'Entity') continue;
        const [argument] = call.arguments;
        let table: string | undefined;
        if (argument && ts.isStringLiteral(argument)) table = argument.text;
        else if (argument && ts.isObjectLiteralExpression(argument)) {
          const name = argument.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText() === 'name');
          if (name && ts.isStringLiteral(name.initializer)) table = name.initializer.text;
        }
        if (table) owners.push({ table, entity: statement.name.text, owner });
      }
    }
  }
  return owners;
}

/** A table a file of another context touches: named in its SQL, or its entity class used as a value. */
export interface ForeignTouch {
  path: string;
  table: string;
  line: number;
  how: string;
}

/** Table names right after the SQL words that name a table. */
const TABLE_POSITION = /\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\s+(?:ONLY\s+)?(?:"?public"?\.)?"?([a-z_][a-z0-9_]*)"?/gi;

function isTypePosition(node: ts.Node): boolean {
  for (let at: ts.Node | undefined = node.parent; at; at = at.parent) {
    if (ts.isTypeNode(at) || ts.isImportDeclaration(at) || ts.isExportDeclaration(at) || ts.isHeritageClause(at)) return true;
    if (ts.isStatement(at)) return false;
  }
  return false;
}

/**
 * Rule e: the owner of a table is the context whose `@Entity` declares it; a file of another context
 * (libs/<other>/src, tests and migrations aside; libs/persistence registers every entity) that names
 * the table in SQL or uses its entity class as a value (`getRepository(X)`, `manager.find(X)`, …)
 * touches it. Reading another context's data goes through the owner's exported repository or service.
 */
export function foreignTableTouches(files: readonly SourceFile[], owners: readonly TableOwner[]): ForeignTouch[] {
  const byTable = new Map(owners.map((o) => [o.table, o]));
  const byEntity = new Map(owners.map((o) => [o.entity, o]));
  const touches = new Map<string, ForeignTouch>();
  const touch = (t: ForeignTouch) => {
    const key = `${t.path} ${t.table}`;
    if (!touches.has(key)) touches.set(key, t);
  };
  for (const file of files) {
    const lib = libOf(file.path);
    if (!lib || DATABASE_PLUMBING_LIBS.includes(lib) || isSpec(file.path) || !file.path.startsWith(`libs/${lib}/src/`)) continue;
    for (const piece of stringPieces(file)) {
      const named = SQL_STATEMENTS.some(({ pattern }) => pattern.test(piece.text)) ? [...piece.text.matchAll(TABLE_POSITION)].map((m) => m[1]) : [];
      // query builders name a table on its own: .from('deliveries', 'd'), .innerJoin('advisories', 'a', …)
      if (ts.isCallExpression(piece.node.parent) && byTable.has(piece.text)) named.push(piece.text);
      for (const table of named) {
        const owner = byTable.get(table);
        if (owner && owner.owner !== lib) touch({ path: file.path, table, line: piece.line, how: `names ${table} (owned by libs/${owner.owner}) in SQL` });
      }
    }
    forEachNode(file, (node) => {
      const owner = ts.isIdentifier(node) ? byEntity.get(node.text) : undefined;
      if (owner && owner.owner !== lib && !isTypePosition(node)) {
        touch({ path: file.path, table: owner.table, line: lineOf(node), how: `uses ${owner.entity} (the entity of ${owner.table}, owned by libs/${owner.owner})` });
      }
    });
  }
  return [...touches.values()].sort((a, b) => `${a.path} ${a.table}`.localeCompare(`${b.path} ${b.table}`));
}

/** A touch known today and waiting for its fix: the file and the table. */
export interface PendingTouch {
  file: string;
  table: string;
}

/**
 * How the touches found differ from the pending list: `unexpected` are new touches (fix them, don't list
 * them), `fixed` are listed touches that are gone (strike them off, so the list only shrinks).
 */
export function pendingDifference(found: readonly ForeignTouch[], pending: readonly PendingTouch[]): { unexpected: string[]; fixed: string[] } {
  const listed = new Set(pending.map((p) => `${p.file} ${p.table}`));
  const seen = new Set(found.map((t) => `${t.path} ${t.table}`));
  return {
    unexpected: found.filter((t) => !listed.has(`${t.path} ${t.table}`)).map((t) => `${t.path}:${t.line}: ${t.how}`),
    fixed: pending.filter((p) => !seen.has(`${p.file} ${p.table}`)).map((p) => `${p.file} no longer touches ${p.table}: remove it from the pending list`),
  };
}
