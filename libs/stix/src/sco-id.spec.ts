import { canonicalJson } from './canonical-json.js';
import { parseIdentifier } from './identifiers.js';
import { scoId, scoIdContributions } from './sco-id.js';
import { uuidV5 } from './uuid.js';

describe('uuidV5', () => {
  it('matches the RFC 4122 / Python uuid.uuid5 reference (NAMESPACE_DNS, "python.org")', () => {
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'python.org')).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
  });
});

describe('canonicalJson (RFC 8785)', () => {
  it('sorts keys, drops whitespace and serialises numbers the ECMAScript way', () => {
    expect(canonicalJson({ b: [1, 2.5, 1e21, -0], a: { d: 'é\n', c: null }, e: true })).toBe(
      '{"a":{"c":null,"d":"é\\n"},"b":[1,2.5,1e+21,0],"e":true}',
    );
  });

  it('sorts by UTF-16 code units', () => {
    expect(canonicalJson({ '\u20ac': 1, '\r': 2, '\ud83d\ude00': 3, '1': 4 })).toBe('{"\\r":2,"1":4,"€":1,"😀":3}');
  });

  it('refuses values JSON cannot hold', () => {
    expect(() => canonicalJson({ x: Number.NaN })).toThrow(TypeError);
  });
});

describe('scoId (STIX 2.1 §2.9 deterministic ids)', () => {
  // Expected ids from the OASIS cti-python-stix2 test suite (stix2/test/v21/test_deterministic_ids.py).
  it('matches stix2: file with SHA-256, name and a windows-pebinary-ext', () => {
    const id = scoId('file', {
      name: 'example.exe',
      size: 68 * 1000,
      magic_number_hex: '50000000',
      hashes: { 'SHA-256': '841a8921140aba50671ebb0770fecc4ee308c4952cfeff8de154ab14eeef4649' },
      extensions: {
        'windows-pebinary-ext': {
          pe_type: 'exe',
          machine_hex: '014c',
          sections: [
            {
              name: '.data',
              size: 4096,
              entropy: 7.980693,
              hashes: { 'SHA-256': '6e3b6f3978e5cd96ba7abee35c24e867b7e64072e2ecb22d0ee7a6e6af6894d0' },
            },
          ],
        },
      },
    });
    expect(id).toBe('file--ced31cd4-bdcb-537d-aefa-92d291bfc11d');
  });

  it('matches stix2: windows-registry-key with values', () => {
    const id = scoId('windows-registry-key', {
      values: [
        { name: 'Foo', data: 'qwerty' },
        { name: 'Bar', data: '42' },
      ],
    });
    expect(id).toBe('windows-registry-key--36594eba-bcc7-5014-9835-0e154264e588');
  });

  it('ignores non-contributing properties (stix2: same email value, different display names)', () => {
    expect(scoId('email-addr', { value: 'john@example.com', display_name: 'Johnny Doe' })).toBe(
      scoId('email-addr', { value: 'john@example.com', display_name: 'Janey Doe' }),
    );
    expect(scoId('email-addr', { value: 'john@example.com' })).not.toBe(scoId('email-addr', { value: 'jane@example.com' }));
  });

  it('is a UUIDv5 over the canonical JSON of the contributing properties', () => {
    const id = scoId('ipv4-addr', { value: '198.51.100.3' });
    expect(id).toBe(`ipv4-addr--${uuidV5('00abedb4-aa42-466c-9c01-fed23315a9b7', '{"value":"198.51.100.3"}')}`);
    expect(parseIdentifier(id)).toMatchObject({ type: 'ipv4-addr', version: 5 });
  });

  it('uses one hash only, preferring MD5, then SHA-1, SHA-256, SHA-512', () => {
    const hashes = { 'SHA-512': 'x'.repeat(128), 'SHA-256': 'b'.repeat(64), MD5: 'a'.repeat(32) };
    expect(scoIdContributions('file', { hashes, name: 'a' })).toEqual({ hashes: { MD5: 'a'.repeat(32) }, name: 'a' });
    expect(scoIdContributions('file', { hashes: { 'SHA-512': 's', 'SHA-256': 't' } })).toEqual({ hashes: { 'SHA-256': 't' } });
    expect(scoIdContributions('artifact', { hashes: { 'SHA3-256': 'z' } })).toEqual({ hashes: { 'SHA3-256': 'z' } });
  });

  it('falls back to UUIDv4 without contributing properties (process has none)', () => {
    const a = scoId('process', { pid: 4 });
    const b = scoId('process', { pid: 4 });
    expect(a).not.toBe(b);
    expect(parseIdentifier(a)).toMatchObject({ type: 'process', version: 4 });
    expect(parseIdentifier(scoId('email-message', { is_multipart: false }))?.version).toBe(4);
  });

  it('covers network-traffic contributions including refs, ports and protocols', () => {
    const props = { src_ref: 'ipv4-addr--ff26c255-6336-5bc5-b98d-13d6226742dd', dst_port: 443, protocols: ['tcp'], src_byte_count: 9 };
    expect(scoIdContributions('network-traffic', props)).toEqual({
      src_ref: 'ipv4-addr--ff26c255-6336-5bc5-b98d-13d6226742dd',
      dst_port: 443,
      protocols: ['tcp'],
    });
  });
});
