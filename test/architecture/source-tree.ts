// The architecture rules judge files given as (path, text), so a test can plant a violation in memory
// without writing into the repository. Parsing uses the TypeScript compiler (no type-checking: seconds
// for the whole tree), so comments never count and strings are told apart from code.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** A source file, its path relative to the repository root with `/` separators. */
export interface SourceFile {
  path: string;
  text: string;
}

/** One broken rule at one place, printed as `<path>:<line>: <what>`. */
export interface Violation {
  path: string;
  line: number;
  what: string;
}

export const describe = (v: Violation): string => `${v.path}:${v.line}: ${v.what}`;

const SKIPPED_DIRECTORIES = new Set(['node_modules', 'dist', 'test-artifacts']);

/** Every `.ts` file under the given top-level folders of `root` (libs, apps, test). */
export function readTree(root: string, tops: readonly string[]): SourceFile[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return SKIPPED_DIRECTORIES.has(entry.name) ? [] : walk(full);
      return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
    });
  return tops.flatMap((top) => walk(path.join(root, top))).map((full) => ({ path: path.relative(root, full).split(path.sep).join('/'), text: readFileSync(full, 'utf8') }));
}

const parsed = new WeakMap<SourceFile, ts.SourceFile>();

export function syntaxOf(file: SourceFile): ts.SourceFile {
  let tree = parsed.get(file);
  if (!tree) {
    tree = ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    parsed.set(file, tree);
  }
  return tree;
}

export function lineOf(node: ts.Node): number {
  const tree = node.getSourceFile();
  return tree.getLineAndCharacterOfPosition(node.getStart(tree)).line + 1;
}

export function forEachNode(file: SourceFile, visit: (node: ts.Node) => void): void {
  const walk = (node: ts.Node) => {
    visit(node);
    ts.forEachChild(node, walk);
  };
  walk(syntaxOf(file));
}

export interface ModuleReference {
  specifier: string;
  line: number;
  /** `import type …` or `export type …`: erased at compile time */
  typeOnly: boolean;
}

/** Static imports, re-exports, `import()` calls and `import('…')` types of a file. */
export function moduleReferences(file: SourceFile): ModuleReference[] {
  const found: ModuleReference[] = [];
  forEachNode(file, (node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const typeOnly = ts.isImportDeclaration(node) ? node.importClause?.isTypeOnly === true : node.isTypeOnly;
      found.push({ specifier: node.moduleSpecifier.text, line: lineOf(node), typeOnly });
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [argument] = node.arguments;
      if (argument && ts.isStringLiteralLike(argument)) found.push({ specifier: argument.text, line: lineOf(node), typeOnly: false });
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push({ specifier: node.argument.literal.text, line: lineOf(node), typeOnly: true });
    }
  });
  return found;
}

/** Where a relative specifier points, relative to the root (`../x.js` from libs/a/src/b.ts → libs/a/x.js). */
export function resolveRelative(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  return path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
}

/** `libs/<name>/…` → name. */
export function libOf(filePath: string): string | undefined {
  return /^libs\/([^/]+)\//.exec(filePath)?.[1];
}

export interface StringPiece {
  text: string;
  line: number;
  node: ts.Node;
}

/** The text of every string literal and template literal (each literal part of a template on its own). */
export function stringPieces(file: SourceFile): StringPiece[] {
  const found: StringPiece[] = [];
  forEachNode(file, (node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) found.push({ text: node.text, line: lineOf(node), node });
    else if (ts.isTemplateExpression(node)) {
      // the parts joined by a placeholder, so `SELECT … ${x} … FROM` still reads as one statement
      const text = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' $ ');
      found.push({ text, line: lineOf(node), node });
    }
  });
  return found.filter((piece) => !ts.isImportDeclaration(piece.node.parent) && !ts.isExportDeclaration(piece.node.parent));
}

export const isSpec = (filePath: string) => filePath.endsWith('.spec.ts');
export const isMigration = (filePath: string) => filePath.startsWith('libs/persistence/src/migrations/');
