// Lists of IP networks in configuration (WEBHOOK_ALLOWED_NETWORKS): parsed once, checked at boot.
import { isIP } from 'node:net';

export interface AllowedNetwork {
  address: string;
  prefix: number;
  family: 'ipv4' | 'ipv6';
}

/** "10.20.0.0/16, fd00::/8" as networks; throws naming the first entry that is not one. */
export function parseNetworks(list: string): AllowedNetwork[] {
  return list
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => {
      const [address = '', prefixText = ''] = entry.split('/');
      const version = isIP(address);
      const prefix = /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
      if (version === 0 || !(prefix >= 0 && prefix <= (version === 4 ? 32 : 128)))
        throw new Error(`"${entry}" is not a network such as 10.20.0.0/16 or fd00::/8`);
      return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
    });
}
