// STYLE rule 3: the TLP decision is made in libs/tlp and nowhere else.
import ts from 'typescript';
import { isMigration, isSpec, stringPieces, type SourceFile, type Violation } from './source-tree.js';

const LABEL = /^TLP:(CLEAR|WHITE|GREEN|AMBER|AMBER\+STRICT|RED)$/i;
/** A label quoted inside SQL text: `tlp IN ('TLP:CLEAR', 'TLP:GREEN')`, `s.tlp = 'TLP:CLEAR'`. */
const LABEL_IN_SQL = /'TLP:(CLEAR|WHITE|GREEN|AMBER|AMBER\+STRICT|RED)'/i;
const COMPARISONS = new Set([ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken]);
const MEMBERSHIP_CALLS = new Set(['includes', 'has', 'indexOf']);

/**
 * Display, not decisions, and the only places outside libs/tlp allowed to list labels: the console's
 * public JavaScript (colours, form choices; not TypeScript, so never scanned). Tables keyed by label
 * (the CLI's colours in apps/cli/src/output.ts, libs/stix's marking-definition ids) are object literals,
 * which the rule does not count.
 */
export const DISPLAY_EXCEPTIONS = ['libs/console/public/'];

/** How a label literal takes part in a decision, or undefined when it only names or shows one. */
function decisionOf(node: ts.Node): string | undefined {
  const parent = node.parent;
  if (ts.isBinaryExpression(parent) && COMPARISONS.has(parent.operatorToken.kind)) return 'compared';
  if (ts.isCaseClause(parent)) return 'a case of a switch';
  if (ts.isArrayLiteralExpression(parent)) return 'listed';
  if (ts.isCallExpression(parent) && ts.isPropertyAccessExpression(parent.expression) && MEMBERSHIP_CALLS.has(parent.expression.name.text)) return 'looked up';
  return undefined;
}

/**
 * Rule d: outside libs/tlp, a TLP label written as a literal may name a default or show a marking, but
 * not decide: compared (`tlp === 'TLP:CLEAR'`), a switch case, listed in an array, looked up with
 * includes/has/indexOf, or quoted inside SQL. Decisions go through libs/tlp's functions, and SQL
 * pre-filters take their label sets from it (`NETWORK_WIDE_LABELS`, …) as parameters.
 * Scope: TypeScript of libs/ and apps/, specs and migrations aside.
 */
export function tlpLabelDecisionViolations(files: readonly SourceFile[]): Violation[] {
  return files
    .filter((file) => (file.path.startsWith('libs/') || file.path.startsWith('apps/')) && !file.path.startsWith('libs/tlp/'))
    .filter((file) => !isSpec(file.path) && !isMigration(file.path) && !DISPLAY_EXCEPTIONS.some((prefix) => file.path.startsWith(prefix)))
    .flatMap((file) =>
      stringPieces(file).flatMap((piece): Violation[] => {
        if (LABEL.test(piece.text)) {
          const how = decisionOf(piece.node);
          return how ? [{ path: file.path, line: piece.line, what: `the label ${piece.text} ${how} outside libs/tlp` }] : [];
        }
        const quoted = LABEL_IN_SQL.exec(piece.text);
        return quoted ? [{ path: file.path, line: piece.line, what: `the label ${quoted[0]} in SQL outside libs/tlp` }] : [];
      }),
    );
}
