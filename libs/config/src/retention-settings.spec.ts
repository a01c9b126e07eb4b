import { ConfigError, loadConfig } from './app-config.js';

function problemsOf(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`accepted ${JSON.stringify(env)}`);
}

describe('retention settings', () => {
  it('keep everything but finished TAXII statuses by default, with an audit floor of a year', () => {
    expect(loadConfig({})).toMatchObject({
      RETENTION_INBOX_DAYS: 0,
      RETENTION_AUDIT_DAYS: 0,
      RETENTION_AUDIT_MIN_DAYS: 365,
      RETENTION_TAXII_STATUS_DAYS: 30,
      RETENTION_CLOSED_CASES_DAYS: 0,
    });
  });

  it('read days as numbers', () => {
    const config = loadConfig({
      RETENTION_INBOX_DAYS: '90',
      RETENTION_AUDIT_DAYS: '400',
      RETENTION_TAXII_STATUS_DAYS: '0',
      RETENTION_CLOSED_CASES_DAYS: '1825',
    });
    expect([config.RETENTION_INBOX_DAYS, config.RETENTION_AUDIT_DAYS, config.RETENTION_TAXII_STATUS_DAYS, config.RETENTION_CLOSED_CASES_DAYS]).toEqual([
      90, 400, 0, 1825,
    ]);
  });

  it('refuse an audit retention below the floor, naming the variable and the floor', () => {
    const error = problemsOf({ RETENTION_AUDIT_DAYS: '30' });
    expect(error.problems.map((p) => p.variable)).toEqual(['RETENTION_AUDIT_DAYS']);
    expect(error.message).toBe(
      'invalid configuration: RETENTION_AUDIT_DAYS=30 is below RETENTION_AUDIT_MIN_DAYS (365): the audit log is kept at least that long; set 0 (keep forever) or at least 365 days',
    );
  });

  it('take the floor from RETENTION_AUDIT_MIN_DAYS: exactly the floor and forever pass, a day less does not', () => {
    expect(loadConfig({ RETENTION_AUDIT_MIN_DAYS: '180', RETENTION_AUDIT_DAYS: '180' }).RETENTION_AUDIT_DAYS).toBe(180);
    expect(loadConfig({ RETENTION_AUDIT_MIN_DAYS: '180', RETENTION_AUDIT_DAYS: '0' }).RETENTION_AUDIT_DAYS).toBe(0);
    expect(problemsOf({ RETENTION_AUDIT_MIN_DAYS: '180', RETENTION_AUDIT_DAYS: '179' }).message).toContain(
      'RETENTION_AUDIT_DAYS=179 is below RETENTION_AUDIT_MIN_DAYS (180)',
    );
  });

  it.each([
    ['RETENTION_INBOX_DAYS', '-1'],
    ['RETENTION_INBOX_DAYS', '90d'],
    ['RETENTION_TAXII_STATUS_DAYS', '36501'],
    ['RETENTION_CLOSED_CASES_DAYS', '1.5'],
    ['RETENTION_AUDIT_MIN_DAYS', '0'],
  ])('refuse %s=%s naming the variable', (variable, value) => {
    expect(problemsOf({ [variable]: value }).problems.map((p) => p.variable)).toEqual([variable]);
  });
});
