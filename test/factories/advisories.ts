/** A valid advisory request; override what the test is about. */
export function advisoryRequest(overrides: Record<string, unknown> = {}) {
  return {
    title: 'Phishing wave against grid operators',
    body: '## What\nCredential phishing using fake **SCADA vendor** notices.',
    severity: 'high',
    tlp: 'TLP:AMBER',
    audience: { sectors: ['energy'] },
    ...overrides,
  };
}

export function alertRequest(overrides: Record<string, unknown> = {}) {
  const inAnHour = new Date(Date.now() + 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const tomorrow = new Date(Date.now() + 86400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return advisoryRequest({ title: 'Actively exploited VPN flaw', severity: 'critical', tlp: 'TLP:GREEN', audience: { all: true }, ackDeadline: inAnHour, expiresAt: tomorrow, ...overrides });
}
