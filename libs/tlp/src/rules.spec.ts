import { markingRules } from './rules.js';

describe('markingRules', () => {
  it('reads the audience and forwarding rule of each label off the policy', () => {
    expect(markingRules().map(({ label, audience, forwarding }) => ({ label, audience, forwarding }))).toEqual([
      { label: 'TLP:CLEAR', audience: 'any', forwarding: 'anyone' },
      { label: 'TLP:GREEN', audience: 'any', forwarding: 'network' },
      { label: 'TLP:AMBER', audience: 'any', forwarding: 'own-members' },
      { label: 'TLP:AMBER+STRICT', audience: 'named-organisations', forwarding: 'never' },
      { label: 'TLP:RED', audience: 'named-organisations', forwarding: 'never' },
    ]);
  });

  it('says who reads each label in a sentence', () => {
    for (const rule of markingRules()) expect(rule.readers).toMatch(/^[A-Z].+\.$/);
    expect(markingRules().find((r) => r.label === 'TLP:AMBER+STRICT')?.readers).toContain('never their members');
  });
});
