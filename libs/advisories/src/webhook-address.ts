// Which addresses a webhook may reach (pure). A webhook URL is chosen by an organisation's admin, but
// the hub's worker makes the request: without a check, a URL could make it speak to the hub's own
// services (Redis, PostgreSQL, the API) or a cloud metadata endpoint from inside. Public addresses
// are allowed; addresses that are not (RFC 6890 special-purpose ranges) only where the operator
// lists their network in WEBHOOK_ALLOWED_NETWORKS (an organisation's tooling on a private network).
import { BlockList, isIP } from 'node:net';
import type { AllowedNetwork } from '@isac/config';

// RFC 6890 and the IANA special-purpose registries: never the address of someone's public endpoint
const NOT_PUBLIC: [string, number, 'ipv4' | 'ipv6'][] = [
  ['0.0.0.0', 8, 'ipv4'], // "this network"
  ['10.0.0.0', 8, 'ipv4'], // private (RFC 1918)
  ['100.64.0.0', 10, 'ipv4'], // carrier-grade NAT (RFC 6598)
  ['127.0.0.0', 8, 'ipv4'], // loopback
  ['169.254.0.0', 16, 'ipv4'], // link-local, cloud metadata endpoints
  ['172.16.0.0', 12, 'ipv4'], // private (RFC 1918)
  ['192.0.0.0', 24, 'ipv4'], // IETF protocol assignments
  ['192.0.2.0', 24, 'ipv4'], // documentation
  ['192.168.0.0', 16, 'ipv4'], // private (RFC 1918)
  ['198.18.0.0', 15, 'ipv4'], // benchmarking
  ['198.51.100.0', 24, 'ipv4'], // documentation
  ['203.0.113.0', 24, 'ipv4'], // documentation
  ['224.0.0.0', 4, 'ipv4'], // multicast
  ['240.0.0.0', 4, 'ipv4'], // reserved, broadcast
  ['::', 128, 'ipv6'], // unspecified
  ['::1', 128, 'ipv6'], // loopback
  ['64:ff9b:1::', 48, 'ipv6'], // local-use IPv4/IPv6 translation
  ['100::', 64, 'ipv6'], // discard-only
  ['2001:db8::', 32, 'ipv6'], // documentation
  ['fc00::', 7, 'ipv6'], // unique local
  ['fe80::', 10, 'ipv6'], // link-local
  ['ff00::', 8, 'ipv6'], // multicast
];

/** IPv4-mapped IPv6 (::ffff:10.0.0.1) is judged as the IPv4 address it carries. */
function unmapped(address: string): { address: string; family: 'ipv4' | 'ipv6' } {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return { address: mapped[1]!, family: 'ipv4' };
  return { address, family: isIP(address) === 4 ? 'ipv4' : 'ipv6' };
}

export class WebhookAddressPolicy {
  private readonly notPublic = new BlockList();
  private readonly allowed = new BlockList();

  constructor(allowedNetworks: AllowedNetwork[] = []) {
    for (const [address, prefix, family] of NOT_PUBLIC) this.notPublic.addSubnet(address, prefix, family);
    for (const n of allowedNetworks) this.allowed.addSubnet(n.address, n.prefix, n.family);
  }

  /** Why a webhook may not reach `address` (an IP address), or undefined when it may. */
  refusal(address: string): string | undefined {
    if (isIP(address) === 0) return `${address} is not an IP address`;
    const { address: ip, family } = unmapped(address);
    if (!this.notPublic.check(ip, family) || this.allowed.check(ip, family)) return undefined;
    return `${address} is not a public address, and no network in WEBHOOK_ALLOWED_NETWORKS holds it`;
  }
}
