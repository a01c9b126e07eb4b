// The sealing of TAXII `next` values (cursor.ts says what a position holds and why it is sealed).
import { Injectable } from '@nestjs/common';
import { CursorSeal } from '@isac/cursors';
import { isCursor, type Cursor } from './cursor.js';
import { taxiiErrors } from './taxii-error.js';

/** Seals positions into `next` values and opens them; anything it did not seal is a 400 TAXII error. */
@Injectable()
export class TaxiiCursors {
  constructor(private readonly seal: CursorSeal) {}

  encode(cursor: Cursor): string {
    return this.seal.seal('taxii', cursor);
  }

  decode(text: string): Cursor {
    const value = this.seal.open('taxii', text);
    if (isCursor(value)) return value;
    throw taxiiErrors.badRequest('next is not a value this server handed out: use the next of the previous page, with the same filters.', {
      parameter: 'next',
    });
  }
}
