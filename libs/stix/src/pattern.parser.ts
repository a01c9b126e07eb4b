// Recursive-descent parser for STIX Patterning (STIX 2.1 §9, grammar STIXPattern.g4).
// Precedence, loosest first: FOLLOWEDBY, OR, AND between observation expressions, then
// qualifiers; inside `[...]`: OR, then AND, then a single comparison or parenthesised group.

import type {
  ComparisonExpression,
  ComparisonOperator,
  ObjectPath,
  ObservationExpression,
  PathStep,
  PatternAst,
  PatternLiteral,
  PatternParseResult,
  Qualifier,
} from './pattern.ast.js';
import { PatternSyntaxError, TokenCursor } from './pattern.cursor.js';
import { PatternLexError, tokenize, type Token } from './pattern.lexer.js';
import { compareTimestamps } from './timestamps.js';

/** Brackets and parentheses nested deeper than this are refused rather than recursed into. */
const MAX_DEPTH = 100;

const EQUALITY = new Set(['=', '!=']);
const ORDERING = new Set(['<', '<=', '>', '>=']);
const STRING_OPERATORS = new Set(['LIKE', 'MATCHES', 'ISSUBSET', 'ISSUPERSET']);

class Parser extends TokenCursor {
  private depth = 0;

  parsePattern(): PatternAst {
    const ast = this.observationExpressions();
    const next = this.peek();
    if (next.kind !== 'eof') throw this.unexpected(next, 'AND, OR, FOLLOWEDBY, a qualifier or the end of the pattern');
    return ast;
  }

  // ---- observation expressions ----

  private observationExpressions(): ObservationExpression {
    return this.binary('FOLLOWEDBY', 'followedby', () => this.observationOr());
  }

  private observationOr(): ObservationExpression {
    return this.binary('OR', 'or', () => this.observationAnd());
  }

  private observationAnd(): ObservationExpression {
    return this.binary('AND', 'and', () => this.qualifiedObservation());
  }

  private binary(
    keyword: string,
    kind: 'and' | 'or' | 'followedby',
    operand: () => ObservationExpression,
  ): ObservationExpression {
    let left = operand();
    while (this.acceptKeyword(keyword)) {
      const right = operand();
      left = { kind, left, right, position: left.position };
    }
    return left;
  }

  private qualifiedObservation(): ObservationExpression {
    let expression = this.observationPrimary();
    for (let qualifier = this.qualifier(); qualifier; qualifier = this.qualifier()) {
      expression = { kind: 'qualified', expression, qualifier, position: expression.position };
    }
    return expression;
  }

  private nested<T>(opening: Token, parse: () => T): T {
    if (++this.depth > MAX_DEPTH) throw new PatternSyntaxError(`nesting deeper than ${MAX_DEPTH} levels`, opening.position);
    const result = parse();
    this.depth--;
    return result;
  }

  private observationPrimary(): ObservationExpression {
    const token = this.peek();
    if (this.acceptPunct('[')) {
      const comparison = this.nested(token, () => this.comparisonOr());
      this.expectPunct(']');
      return { kind: 'observation', comparison, position: token.position };
    }
    if (this.acceptPunct('(')) {
      const inner = this.nested(token, () => this.observationExpressions());
      this.expectPunct(')');
      return inner;
    }
    throw this.unexpected(token, `'[' or '('`);
  }

  private qualifier(): Qualifier | undefined {
    const token = this.peek();
    if (this.acceptKeyword('WITHIN')) {
      const amount = this.next();
      if ((amount.kind !== 'int' && amount.kind !== 'float') || amount.text.startsWith('-')) {
        throw this.unexpected(amount, 'a positive number of seconds');
      }
      this.expectKeyword('SECONDS');
      const seconds = Number(amount.text);
      if (!(seconds > 0)) throw new PatternSyntaxError('WITHIN needs a positive number of seconds', amount.position, 'semantic');
      return { kind: 'within', seconds, position: token.position };
    }
    if (this.acceptKeyword('REPEATS')) {
      const count = this.next();
      if (count.kind !== 'int' || count.text.startsWith('-')) throw this.unexpected(count, 'a positive integer');
      this.expectKeyword('TIMES');
      const times = Number(count.text);
      if (!(times > 0)) throw new PatternSyntaxError('REPEATS needs a positive integer', count.position, 'semantic');
      return { kind: 'repeats', times, position: token.position };
    }
    if (this.acceptKeyword('START')) {
      const start = this.expectKind('timestamp', "a timestamp literal t'...'");
      this.expectKeyword('STOP');
      const stop = this.expectKind('timestamp', "a timestamp literal t'...'");
      if (compareTimestamps(start.text, stop.text) >= 0) {
        throw new PatternSyntaxError('the STOP time MUST be later than the START time', stop.position, 'semantic');
      }
      return { kind: 'start-stop', start: start.text, stop: stop.text, position: token.position };
    }
    return undefined;
  }

  // ---- comparison expressions ----

  private comparisonOr(): ComparisonExpression {
    let left = this.comparisonAnd();
    while (this.acceptKeyword('OR')) {
      const right = this.comparisonAnd();
      left = { kind: 'or', left, right, position: left.position };
    }
    return left;
  }

  private comparisonAnd(): ComparisonExpression {
    let left = this.propTest();
    while (this.acceptKeyword('AND')) {
      const right = this.propTest();
      requireSameObjectType(left, right);
      left = { kind: 'and', left, right, position: left.position };
    }
    return left;
  }

  private propTest(): ComparisonExpression {
    const token = this.peek();
    if (this.acceptPunct('(')) {
      const inner = this.nested(token, () => this.comparisonOr());
      this.expectPunct(')');
      return inner;
    }
    if (token.kind === 'keyword' && (token.text === 'EXISTS' || token.text === 'NOT')) {
      const negated = this.acceptKeyword('NOT');
      this.expectKeyword('EXISTS');
      return { kind: 'exists', path: this.objectPath(), negated, position: token.position };
    }
    const path = this.objectPath();
    const negated = this.acceptKeyword('NOT');
    const operatorToken = this.next();
    const operator = operatorToken.text;
    if (operatorToken.kind === 'punct' && EQUALITY.has(operator)) {
      return this.comparison(path, operator as ComparisonOperator, negated, this.literal(true));
    }
    if (operatorToken.kind === 'punct' && ORDERING.has(operator)) {
      return this.comparison(path, operator as ComparisonOperator, negated, this.literal(false));
    }
    if (operatorToken.kind === 'keyword' && operator === 'IN') {
      return this.comparison(path, 'IN', negated, this.setLiteral());
    }
    if (operatorToken.kind === 'keyword' && STRING_OPERATORS.has(operator)) {
      const value = this.expectKind('string', 'a string literal');
      return this.comparison(path, operator as ComparisonOperator, negated, {
        type: 'string',
        value: value.text,
        position: value.position,
      });
    }
    throw this.unexpected(operatorToken, 'a comparison operator (=, !=, <, <=, >, >=, IN, LIKE, MATCHES, ISSUBSET, ISSUPERSET)');
  }

  private comparison(
    path: ObjectPath,
    operator: ComparisonOperator,
    negated: boolean,
    value: PatternLiteral | PatternLiteral[],
  ): ComparisonExpression {
    return { kind: 'comparison', path, operator, negated, value, position: path.position };
  }

  private objectPath(): ObjectPath {
    const typeToken = this.expectKind('identifier', 'an object type such as file or ipv4-addr');
    this.expectPunct(':');
    const steps: PathStep[] = [this.propertyStep()];
    for (;;) {
      if (this.acceptPunct('.')) {
        steps.push(this.propertyStep());
      } else if (this.acceptPunct('[')) {
        const index = this.next();
        if (index.kind === 'punct' && index.text === '*') steps.push({ kind: 'index', index: '*' });
        else if (index.kind === 'int') steps.push({ kind: 'index', index: Number(index.text) });
        else throw this.unexpected(index, "a list index or '*'");
        this.expectPunct(']');
      } else {
        break;
      }
    }
    return { objectType: typeToken.text, steps, position: typeToken.position };
  }

  /** A property name without hyphens, or a quoted one (`'SHA-256'`, `'windows-pebinary-ext'`). */
  private propertyStep(): PathStep {
    const token = this.next();
    if (token.kind === 'string') return { kind: 'property', name: token.text };
    if (token.kind === 'identifier' && !token.text.includes('-')) return { kind: 'property', name: token.text };
    if (token.kind === 'identifier') {
      throw new PatternSyntaxError(`property names with '-' must be quoted: '${token.text}'`, token.position);
    }
    throw this.unexpected(token, 'a property name');
  }

  // ---- literals ----

  private literal(allowBoolean: boolean): PatternLiteral {
    const token = this.next();
    const position = token.position;
    switch (token.kind) {
      case 'string':
        return { type: 'string', value: token.text, position };
      case 'int':
        return { type: 'int', value: Number(token.text), position };
      case 'float':
        return { type: 'float', value: Number(token.text), position };
      case 'timestamp':
        return { type: 'timestamp', value: token.text, position };
      case 'hex':
        return { type: 'hex', value: token.text, position };
      case 'binary':
        return { type: 'binary', value: token.text, position };
      case 'boolean':
        if (allowBoolean) return { type: 'boolean', value: token.text === 'true', position };
        throw new PatternSyntaxError('booleans cannot be compared with <, <=, > or >=', position);
      default:
        throw this.unexpected(token, 'a literal value');
    }
  }

  private setLiteral(): PatternLiteral[] {
    this.expectPunct('(');
    const values: PatternLiteral[] = [];
    if (this.acceptPunct(')')) return values;
    do values.push(this.literal(true));
    while (this.acceptPunct(','));
    this.expectPunct(')');
    return values;
  }
}

/** The object types a comparison expression tests, with the position of each type's first test. */
function objectTypes(expression: ComparisonExpression, into = new Map<string, number>()): Map<string, number> {
  const pending: ComparisonExpression[] = [expression];
  while (pending.length > 0) {
    const e = pending.pop()!;
    if (e.kind === 'comparison' || e.kind === 'exists') {
      if (!into.has(e.path.objectType)) into.set(e.path.objectType, e.path.position);
    } else {
      pending.push(e.right, e.left);
    }
  }
  return into;
}

/** §9: comparison expressions joined by AND in one observation expression MUST test the same object type. */
function requireSameObjectType(left: ComparisonExpression, right: ComparisonExpression): void {
  const leftTypes = objectTypes(left);
  for (const [type, position] of objectTypes(right)) {
    if (!leftTypes.has(type) || leftTypes.size > 1) {
      const other = [...leftTypes.keys()].find((t) => t !== type) ?? type;
      throw new PatternSyntaxError(
        `comparisons joined by AND must test the same object type, but '${type}' is joined with '${other}'`,
        position,
        'mixed-types',
      );
    }
  }
}

/** Parses a STIX pattern. Never throws: errors come back with a message and a 0-based position. */
export function parsePattern(src: unknown): PatternParseResult {
  if (typeof src !== 'string') {
    return { ok: false, error: { message: 'a pattern must be a string', position: 0, kind: 'syntax' } };
  }
  try {
    return { ok: true, ast: new Parser(tokenize(src)).parsePattern() };
  } catch (e) {
    if (e instanceof PatternSyntaxError) return { ok: false, error: { message: e.message, position: e.position, kind: e.kind } };
    if (e instanceof PatternLexError) return { ok: false, error: { message: e.message, position: e.position, kind: 'syntax' } };
    // Only a stack overflow could land here; report it as a refusal rather than a crash.
    return { ok: false, error: { message: 'the pattern could not be parsed', position: 0, kind: 'syntax' } };
  }
}
