import { parseNetworks } from '@isac/config';
import { WebhookAddressPolicy } from './webhook-address.js';

describe('WebhookAddressPolicy', () => {
  const strict = new WebhookAddressPolicy();

  it('allows public addresses', () => {
    for (const ip of ['8.8.8.8', '193.0.14.129', '2001:4860:4860::8888', '::ffff:8.8.8.8']) expect(strict.refusal(ip)).toBeUndefined();
  });

  it("refuses the hub's own machine, private networks, link-local (cloud metadata) and other special ranges", () => {
    const refused = ['127.0.0.1', '127.8.9.10', '0.0.0.0', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '224.0.0.1', '255.255.255.255', '::1', '::', 'fe80::1', 'fd12:3456::1', '::ffff:127.0.0.1', '::ffff:169.254.169.254'];
    for (const ip of refused) expect([ip, strict.refusal(ip)]).toEqual([ip, `${ip} is not a public address, and no network in WEBHOOK_ALLOWED_NETWORKS holds it`]);
    // the edges of a range
    expect(strict.refusal('172.15.255.255')).toBeUndefined();
    expect(strict.refusal('172.32.0.0')).toBeUndefined();
  });

  it('allows the networks the operator lists, and only those', () => {
    const policy = new WebhookAddressPolicy(parseNetworks('10.20.0.0/16, fd00::/8'));
    expect(policy.refusal('10.20.3.4')).toBeUndefined();
    expect(policy.refusal('fd00::7')).toBeUndefined();
    expect(policy.refusal('10.21.0.1')).toContain('not a public address');
    expect(policy.refusal('127.0.0.1')).toContain('not a public address');
  });

  it('says when it is not given an IP address', () => {
    expect(strict.refusal('localhost')).toBe('localhost is not an IP address');
  });
});
