// Tokens of the STIX Patterning grammar (STIX 2.1 §9 and its ANTLR grammar STIXPattern.g4).

import { isStixTimestamp } from './timestamps.js';

export type TokenKind =
  | 'keyword'
  | 'identifier'
  | 'string'
  | 'int'
  | 'float'
  | 'boolean'
  | 'timestamp'
  | 'hex'
  | 'binary'
  | 'punct'
  | 'eof';

export interface Token {
  kind: TokenKind;
  /** Keyword or punctuation text, identifier name, or the decoded literal text. */
  text: string;
  position: number;
}

export class PatternLexError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

export const KEYWORDS = new Set([
  'AND',
  'OR',
  'NOT',
  'FOLLOWEDBY',
  'LIKE',
  'MATCHES',
  'ISSUPERSET',
  'ISSUBSET',
  'EXISTS',
  'IN',
  'START',
  'STOP',
  'SECONDS',
  'WITHIN',
  'REPEATS',
  'TIMES',
]);

const PUNCTUATION = ['<=', '>=', '!=', '<>', '=', '<', '>', '[', ']', '(', ')', ',', ':', '.'];
const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_-]*/y;
const NUMBER = /[+-]?(?:[0-9]*\.[0-9]+|(?:0|[1-9][0-9]*))(?![0-9.])/y;
const HEX_BODY = /^(?:[0-9a-fA-F]{2})*$/;
const BASE64_BODY = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (src.startsWith('/*', i)) {
      const end = src.indexOf('*/', i + 2);
      if (end < 0) throw new PatternLexError('unterminated comment', i);
      i = end + 2;
      continue;
    }
    if (src.startsWith('//', i)) {
      while (i < src.length && src[i] !== '\n' && src[i] !== '\r') i++;
      continue;
    }
    if (c === "'") {
      const { text, next } = readQuoted(src, i);
      tokens.push({ kind: 'string', text, position: i });
      i = next;
      continue;
    }
    if ((c === 't' || c === 'h' || c === 'b') && src[i + 1] === "'") {
      tokens.push(prefixedLiteral(src, i));
      i = readQuoted(src, i + 1).next;
      continue;
    }
    NUMBER.lastIndex = i;
    const number = NUMBER.exec(src);
    if (number && (c !== '+' && c !== '-' ? true : /[0-9.]/.test(src[i + 1] ?? ''))) {
      tokens.push({ kind: number[0].includes('.') ? 'float' : 'int', text: number[0], position: i });
      i += number[0].length;
      continue;
    }
    IDENTIFIER.lastIndex = i;
    const word = IDENTIFIER.exec(src);
    if (word) {
      const text = word[0];
      if (KEYWORDS.has(text)) tokens.push({ kind: 'keyword', text, position: i });
      else if (text === 'true' || text === 'false') tokens.push({ kind: 'boolean', text, position: i });
      else tokens.push({ kind: 'identifier', text, position: i });
      i += text.length;
      continue;
    }
    const punct = PUNCTUATION.find((p) => src.startsWith(p, i));
    if (punct) {
      tokens.push({ kind: 'punct', text: punct === '<>' ? '!=' : punct, position: i });
      i += punct.length;
      continue;
    }
    if (c === '*') {
      tokens.push({ kind: 'punct', text: '*', position: i });
      i++;
      continue;
    }
    throw new PatternLexError(`unexpected character ${JSON.stringify(c)}`, i);
  }
  tokens.push({ kind: 'eof', text: '', position: src.length });
  return tokens;
}

/** A quoted string starting at `start`: `\'` and `\\` are the only escapes (STIXPattern.g4 StringLiteral). */
function readQuoted(src: string, start: number): { text: string; next: number } {
  let text = '';
  let i = start + 1;
  while (i < src.length) {
    const c = src[i]!;
    if (c === "'") return { text, next: i + 1 };
    if (c === '\\') {
      const escaped = src[i + 1];
      if (escaped !== "'" && escaped !== '\\') {
        throw new PatternLexError(`invalid escape in string: only \\' and \\\\ are allowed`, i);
      }
      text += escaped;
      i += 2;
      continue;
    }
    text += c;
    i++;
  }
  throw new PatternLexError('unterminated string literal', start);
}

function prefixedLiteral(src: string, start: number): Token {
  const prefix = src[start]!;
  const { text } = readQuoted(src, start + 1);
  if (prefix === 't') {
    if (!isStixTimestamp(text)) {
      throw new PatternLexError(`invalid timestamp literal: expected RFC 3339 UTC (YYYY-MM-DDTHH:mm:ss[.s+]Z)`, start);
    }
    return { kind: 'timestamp', text, position: start };
  }
  if (prefix === 'h') {
    if (!HEX_BODY.test(text)) throw new PatternLexError('invalid hex literal: expected pairs of hex digits', start);
    return { kind: 'hex', text, position: start };
  }
  if (!BASE64_BODY.test(text)) throw new PatternLexError('invalid binary literal: expected base64', start);
  return { kind: 'binary', text, position: start };
}
