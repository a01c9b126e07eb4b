import { parseReportingRegimes } from './reporting-regimes.js';

describe('parseReportingRegimes', () => {
  it('reads the regime of the sectors that name one', () => {
    expect(parseReportingRegimes('sectors:\n  finance: { name: F, regime: dora }\n  energy: { name: E }\n')).toEqual({ finance: 'dora' });
    expect(parseReportingRegimes('centre: { name: C }\n')).toEqual({});
  });

  it('refuses an unknown regime, naming where', () => {
    expect(() => parseReportingRegimes('sectors:\n  finance: { name: F, regime: sox }\n')).toThrow('/sectors/finance/regime');
  });
});
