import { advisoryBody, alertBody, audienceOf, missingAlertOptions, normaliseTlp, parseInstant } from './advisory-request.js';
import { CliError, EXIT } from './exit-codes.js';

const now = new Date('2026-11-24T10:00:00.000Z');

function usageOf(work: () => unknown): string[] {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(EXIT.USAGE);
    return (error as CliError).lines;
  }
  throw new Error('no error');
}

describe('advisory and alert options → request bodies', () => {
  it('maps --all, --sectors and --orgs onto the audience, leaving out what was not given', () => {
    expect(audienceOf({ sectors: ['energy', 'health'] })).toEqual({ sectors: ['energy', 'health'] });
    expect(audienceOf({ all: true, orgs: ['litware'] })).toEqual({ all: true, organisations: ['litware'] });
    expect(audienceOf({ sectors: [], orgs: ['health'] })).toEqual({ organisations: ['health'] });
  });

  it('refuses a message for nobody as a usage error naming the options', () => {
    expect(usageOf(() => audienceOf({}))[0]).toContain('--all, --sectors <a,b>, --orgs <slug,slug>, --product <cpe> and/or --depends-on <providers>');
  });

  it('a targeted audience (issue 18): --product with NVD-style bounds, --depends-on, the products a case named, with sectors as a union', () => {
    const cpe = 'cpe:2.3:a:ivanti:connect_secure:*:*:*:*:*:*:*:*';
    expect(audienceOf({ product: cpe, versionEndExcluding: '22.7R2.5', dependsOn: ['fabrikam'], sectors: ['health'] })).toEqual({
      sectors: ['health'],
      products: [{ cpe, versionEndExcluding: '22.7R2.5' }],
      dependsOn: ['fabrikam'],
    });
    expect(audienceOf({ products: [{ cpe: 'cpe:2.3:a:x:y:1.0:*:*:*:*:*:*:*' }], product: cpe })).toEqual({
      products: [{ cpe: 'cpe:2.3:a:x:y:1.0:*:*:*:*:*:*:*' }, { cpe }],
    });
    expect(usageOf(() => audienceOf({ versionEndExcluding: '2', sectors: ['energy'] }))[0]).toContain('--version-end-excluding bounds a --product');
    expect(missingAlertOptions({ title: 't', body: 'b', severity: 'low', tlp: 'amber', dependsOn: ['fabrikam'] })).toEqual([]);
  });

  it('writes TLP labels the way the hub spells them', () => {
    expect(normaliseTlp('amber')).toBe('TLP:AMBER');
    expect(normaliseTlp('tlp:amber+strict')).toBe('TLP:AMBER+STRICT');
    expect(normaliseTlp(' TLP:RED ')).toBe('TLP:RED');
  });

  it('reads instants as RFC 3339 or spans from now, in UTC', () => {
    expect(parseInstant('4h', '--ack-deadline', now)).toBe('2026-11-24T14:00:00Z');
    expect(parseInstant('+30m', '--ack-deadline', now)).toBe('2026-11-24T10:30:00Z');
    expect(parseInstant('2d', '--expires', now)).toBe('2026-11-26T10:00:00Z');
    expect(parseInstant('1w', '--expires', now)).toBe('2026-12-01T10:00:00Z');
    expect(parseInstant('2026-11-25T12:00:00+02:00', '--expires', now)).toBe('2026-11-25T10:00:00Z');
    expect(parseInstant('2026-11-25T12:00:00.250Z', '--expires', now)).toBe('2026-11-25T12:00:00.250Z');
  });

  it.each(['tomorrow', '4 hours', '2026-11-25', '2026-11-25T12:00:00', '-4h', '2026-13-45T12:00:00Z'])('refuses %s naming the option', (value) => {
    expect(usageOf(() => parseInstant(value, '--ack-deadline', now))[0]).toMatch(/^error: --ack-deadline ".*" is neither an RFC 3339 time/);
  });

  it('builds the advisory body with the STIX objects when given', () => {
    const stix = [{ type: 'indicator' }];
    expect(advisoryBody({ title: 'Phishing', severity: 'high', tlp: 'green', sectors: ['energy'] }, '**Fake** notices', stix)).toEqual({
      title: 'Phishing',
      body: '**Fake** notices',
      severity: 'high',
      tlp: 'TLP:GREEN',
      audience: { sectors: ['energy'] },
      stix,
    });
  });

  it('builds the alert body: acknowledgement asked unless --no-ack, deadline and expiry resolved', () => {
    const opts = {
      title: 'VPN flaw',
      severity: 'critical',
      tlp: 'TLP:AMBER',
      sectors: ['energy', 'health'],
      ackDeadline: '4h',
      expires: '2026-11-30T00:00:00Z',
    };
    expect(alertBody(opts, 'Patch now', now)).toEqual({
      title: 'VPN flaw',
      body: 'Patch now',
      severity: 'critical',
      tlp: 'TLP:AMBER',
      audience: { sectors: ['energy', 'health'] },
      requiresAck: true,
      ackDeadline: '2026-11-24T14:00:00Z',
      expiresAt: '2026-11-30T00:00:00Z',
    });
    expect(alertBody({ ...opts, ack: false }, 'Patch now', now).requiresAck).toBe(false);
  });

  it('needs no --ack-deadline with --no-ack (README: `--all --no-ack`), and proposes 4 hours otherwise, as the console', () => {
    const opts = { title: 'Storm warning', severity: 'low', tlp: 'green', all: true, expires: '2d' };
    const body = alertBody({ ...opts, ack: false }, 'Stay tuned', now);
    expect(body.requiresAck).toBe(false);
    expect(body).not.toHaveProperty('ackDeadline');
    expect(body.expiresAt).toBe('2026-11-26T10:00:00Z');
    expect(alertBody(opts, 'Stay tuned', now)).toMatchObject({ requiresAck: true, ackDeadline: '2026-11-24T14:00:00Z' });
  });

  it('--expires defaults to 7 days, as the console proposes', () => {
    expect(alertBody({ title: 'Storm', severity: 'low', tlp: 'green', all: true, ack: false }, 'x', now).expiresAt).toBe('2026-12-01T10:00:00Z');
  });

  it('names every missing option at once (rough edge 8)', () => {
    expect(missingAlertOptions({})).toEqual([
      '--title <text>',
      '--body <markdown> or --body-file <path>',
      '--severity <level>',
      '--tlp <label>',
      'an audience: --all, --sectors <list>, --orgs <list>, --product <cpe> or --depends-on <list>',
    ]);
    expect(missingAlertOptions({ title: 't', body: 'b', severity: 'low', tlp: 'red', orgs: ['health'], ack: false })).toEqual([]);
  });
});
