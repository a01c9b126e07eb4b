// A cursor over the tokens of a STIX pattern, with the accept/expect helpers the parser uses and
// the error type that carries a 0-based position.

import type { PatternError } from './pattern.ast.js';
import type { Token } from './pattern.lexer.js';

export class PatternSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
    readonly kind: PatternError['kind'] = 'syntax',
  ) {
    super(message);
  }
}

export class TokenCursor {
  protected at = 0;

  constructor(protected readonly tokens: Token[]) {}

  protected peek(): Token {
    return this.tokens[this.at]!;
  }

  protected next(): Token {
    const token = this.tokens[this.at]!;
    if (token.kind !== 'eof') this.at++;
    return token;
  }

  protected acceptKeyword(text: string): boolean {
    const token = this.peek();
    if (token.kind === 'keyword' && token.text === text) {
      this.at++;
      return true;
    }
    return false;
  }

  protected acceptPunct(text: string): boolean {
    const token = this.peek();
    if (token.kind === 'punct' && token.text === text) {
      this.at++;
      return true;
    }
    return false;
  }

  protected expectKeyword(text: string): void {
    if (!this.acceptKeyword(text)) throw this.unexpected(this.peek(), text);
  }

  protected expectPunct(text: string): void {
    if (!this.acceptPunct(text)) throw this.unexpected(this.peek(), `'${text}'`);
  }

  protected expectKind(kind: Token['kind'], what: string): Token {
    const token = this.next();
    if (token.kind !== kind) throw this.unexpected(token, what);
    return token;
  }

  protected unexpected(token: Token, expected: string): PatternSyntaxError {
    const found = token.kind === 'eof' ? 'the end of the pattern' : `'${token.text}'`;
    return new PatternSyntaxError(`expected ${expected} but found ${found}`, token.position);
  }
}
