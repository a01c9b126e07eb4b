import { parseNetworks } from './networks.js';

describe('parseNetworks', () => {
  it('reads a comma-separated list of networks; empty means none', () => {
    expect(parseNetworks('')).toEqual([]);
    expect(parseNetworks(' 127.0.0.0/8 ,::1/128')).toEqual([
      { address: '127.0.0.0', prefix: 8, family: 'ipv4' },
      { address: '::1', prefix: 128, family: 'ipv6' },
    ]);
  });

  it('names the entry that is not a network', () => {
    expect(() => parseNetworks('10.0.0.0/8, 10.0.0.0/33')).toThrow('"10.0.0.0/33" is not a network such as 10.20.0.0/16 or fd00::/8');
    expect(() => parseNetworks('intranet')).toThrow('"intranet" is not a network');
    expect(() => parseNetworks('10.0.0.0')).toThrow('"10.0.0.0" is not a network');
  });
});
