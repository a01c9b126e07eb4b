import { jest } from '@jest/globals';
import type { ArgumentsHost } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { DomainError } from './domain-error.js';
import { declareErrors } from './error-codes.js';
import { ProblemFilter } from './problem.filter.js';

function answer(exception: unknown): { status: number; body: Record<string, unknown> } {
  const sent = { status: 0, body: {} as Record<string, unknown> };
  const response = {
    getHeader: () => undefined,
    setHeader: () => response,
    status: (status: number) => ((sent.status = status), response),
    type: () => response,
    send: (text: string) => ((sent.body = JSON.parse(text)), response),
  };
  const request = { path: '/api/v1/x', originalUrl: '/api/v1/x' };
  const host = { switchToHttp: () => ({ getRequest: () => request, getResponse: () => response }) } as unknown as ArgumentsHost;
  new ProblemFilter([]).catch(exception, host);
  return sent;
}

describe('ProblemFilter and the declared codes', () => {
  const CODES = declareErrors('filter-sample', { changed: ['SAMPLE.PARTICIPANTS_CHANGED', 409], required: ['SAMPLE.STAGE_REQUIRED', 400] });

  it('answers the status declared for the code, whatever its spelling', () => {
    expect(answer(new DomainError(CODES.changed, 'Draft again.'))).toMatchObject({ status: 409, body: { code: 'SAMPLE.PARTICIPANTS_CHANGED', title: 'Conflict' } });
    expect(answer(new DomainError(CODES.required, 'Say the stage.'))).toMatchObject({ status: 400, body: { code: 'SAMPLE.STAGE_REQUIRED' } });
  });

  it('answers a code no errors.ts declares as the programming error it is: 500, logged, its message not shown', () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const undeclared = 'SAMPLE.NOBODY_DECLARED';
    const sent = answer(new DomainError(undeclared, 'secret detail'));
    expect(sent).toMatchObject({ status: 500, body: { code: 'SERVER.INTERNAL' } });
    expect(sent.body.detail).not.toContain('secret');
    expect(logged).toHaveBeenCalledWith(expect.objectContaining({ msg: 'undeclared error code', code: 'SAMPLE.NOBODY_DECLARED' }));
    logged.mockRestore();
  });
});
