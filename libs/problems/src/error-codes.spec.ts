import { declareErrors, declaredErrors, statusForCode } from './error-codes.js';
import { REQUEST_ERRORS } from './errors.js';

describe('the error-code registry', () => {
  it('answers the declared status, and nothing for a code nobody declared (no suffix guessing)', () => {
    const codes = declareErrors('sample', { gone: ['SAMPLE.NOT_FOUND', 404], stuck: ['SAMPLE.STUCK', 409] });
    expect(codes).toEqual({ gone: 'SAMPLE.NOT_FOUND', stuck: 'SAMPLE.STUCK' });
    expect(statusForCode(codes.gone)).toBe(404);
    expect(statusForCode(codes.stuck)).toBe(409);
    // the old suffix table would have said 404 and 422
    expect(statusForCode('OTHER.NOT_FOUND')).toBeUndefined();
    expect(statusForCode('SOMETHING.ELSE')).toBeUndefined();
    expect(declaredErrors()).toContainEqual({ code: 'SAMPLE.STUCK', status: 409, context: 'sample' });
  });

  it('declares the edge codes of @isac/problems itself', () => {
    expect(statusForCode(REQUEST_ERRORS.validationFailed)).toBe(400);
    expect(statusForCode(REQUEST_ERRORS.unauthenticated)).toBe(401);
    expect(statusForCode(REQUEST_ERRORS.serviceUnavailable)).toBe(503);
  });

  it('refuses a code declared by two contexts, or twice with two statuses', () => {
    declareErrors('first', { x: ['TWICE.DECLARED', 400] });
    expect(() => declareErrors('second', { x: ['TWICE.DECLARED', 400] })).toThrow('TWICE.DECLARED is declared twice: first (400) and second (400)');
    expect(() => declareErrors('first', { x: ['TWICE.DECLARED', 422] })).toThrow('declared twice');
    expect(statusForCode('TWICE.DECLARED')).toBe(400);
  });

  it('refuses a code that is not CONTEXT.WHAT in capitals', () => {
    expect(() => declareErrors('sample', { x: ['sample.lower', 400] })).toThrow('not CONTEXT.WHAT');
    expect(() => declareErrors('sample', { x: ['NODOT', 400] })).toThrow('not CONTEXT.WHAT');
  });
});
