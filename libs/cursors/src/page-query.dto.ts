import type { Type as Class } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { CURSOR_TEXT } from './cursor-seal.js';

/** How a REST list pages: the query parameter that carries the previous page's `next`, and the page size's bounds. */
export interface PageBounds<P extends string> {
  /** `cursor` everywhere but the audit log, whose `before` predates the others and is kept for its clients */
  cursorParam: P;
  defaultLimit: number;
  maxLimit: number;
}

export type PageQuery<P extends string> = { [K in P]?: string } & { limit?: number };

/**
 * The base of every REST list's query DTO (TAXII's `next` stays TAXII's): the cursor is checked for
 * the shape of a sealed cursor here (a 400 with the parameter's pointer), whether this hub sealed it
 * for this list is the codec's answer (`PageCursors`), and the limit is bounded per list.
 */
export function PageQueryDto<P extends string>(bounds: PageBounds<P>): Class<PageQuery<P>> {
  class PageQueryBase {
    limit?: number;
  }
  const proto = PageQueryBase.prototype;
  const { cursorParam } = bounds;
  ApiPropertyOptional({ type: String, description: 'the `next` of the previous page (opaque)' })(proto, cursorParam);
  IsOptional()(proto, cursorParam);
  Matches(CURSOR_TEXT, { message: `${cursorParam} must be the \`next\` of a previous page` })(proto, cursorParam);
  ApiPropertyOptional({ type: Number, default: bounds.defaultLimit, minimum: 1, maximum: bounds.maxLimit })(proto, 'limit');
  IsOptional()(proto, 'limit');
  Type(() => Number)(proto, 'limit');
  IsInt()(proto, 'limit');
  Min(1)(proto, 'limit');
  Max(bounds.maxLimit)(proto, 'limit');
  return PageQueryBase as Class<PageQuery<P>>;
}
