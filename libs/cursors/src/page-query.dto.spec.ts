import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { PageQueryDto } from './page-query.dto.js';

class CasesQuery extends PageQueryDto({ cursorParam: 'cursor', defaultLimit: 50, maxLimit: 200 }) {}
class AuditQuery extends PageQueryDto({ cursorParam: 'before', defaultLimit: 100, maxLimit: 500 }) {}

const problems = (type: new () => object, query: Record<string, string>) =>
  validateSync(plainToInstance(type, query), { whitelist: true, forbidNonWhitelisted: true }).flatMap((e) =>
    Object.entries(e.constraints ?? {}).map(([rule, message]) => ({ property: e.property, rule, message })),
  );

describe('PageQueryDto', () => {
  it('takes a limit within the list’s bounds, as a number, and a cursor shaped as a sealed one', () => {
    const query = plainToInstance(CasesQuery, { limit: '200', cursor: 'AbC_-9' });
    expect(query.limit).toBe(200);
    expect(problems(CasesQuery, { limit: '200', cursor: 'AbC_-9' })).toEqual([]);
    expect(problems(AuditQuery, { limit: '500', before: 'x' })).toEqual([]);
  });

  it('refuses each bad value under the list’s own parameter name', () => {
    expect(problems(CasesQuery, { limit: '201', cursor: 'no!' })).toEqual([
      { property: 'cursor', rule: 'matches', message: 'cursor must be the `next` of a previous page' },
      { property: 'limit', rule: 'max', message: 'limit must not be greater than 200' },
    ]);
    expect(problems(AuditQuery, { limit: '501', before: 'x!' }).map((p) => [p.property, p.rule])).toEqual([
      ['before', 'matches'],
      ['limit', 'max'],
    ]);
    expect(problems(CasesQuery, { limit: '0' }).map((p) => p.rule)).toEqual(['min']);
    expect(problems(CasesQuery, { limit: '1.5' }).map((p) => p.rule)).toEqual(['isInt']);
    expect(problems(CasesQuery, { cursor: 'A'.repeat(4097) }).map((p) => p.rule)).toEqual(['matches']);
    // the audit log's parameter is `before`: a `cursor` there is an unknown parameter
    expect(problems(AuditQuery, { cursor: 'abc' }).map((p) => [p.property, p.rule])).toEqual([['cursor', 'whitelistValidation']]);
  });
});
