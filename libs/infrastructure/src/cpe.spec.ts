import { compareValues, compareVersions, cpeMatches, CpeSyntaxError, parseCpe, parseCpeMatch, parseProductName, type CpeMatch, type CpeValue } from './cpe.js';

const value = (formatted: string): CpeValue => parseCpe(`cpe:2.3:a:v:p:${formatted}:*:*:*:*:*:*:*`).version;

describe('parseCpe (NISTIR 7695 §6.2 formatted strings)', () => {
  it('reads ANY, NA, quoted characters and wildcards', () => {
    const name = parseCpe('cpe:2.3:a:hp:insight_diagnostics:7.4.0.1570:-:*:*:online:win2003:x64:*');
    expect(name.vendor).toEqual({ kind: 'string', value: 'hp', leading: null, trailing: null });
    expect(name.update).toEqual({ kind: 'na' });
    expect(name.edition).toEqual({ kind: 'any' });
    expect(parseCpe('cpe:2.3:a:foo\\:bar:big\\$money:2010:*:*:*:special:ipod_touch:80gb:*').vendor).toMatchObject({ value: 'foo:bar' });
    expect(parseCpe('cpe:2.3:a:foo\\\\bar:big\\$money_2010:*:*:*:*:*:*:*:*').vendor).toMatchObject({ value: 'foo\\bar' });
    expect(value('8.*')).toEqual({ kind: 'string', value: '8.', leading: null, trailing: { kind: '*' } });
    expect(value('??1.0')).toEqual({ kind: 'string', value: '1.0', leading: { kind: '?', count: 2 }, trailing: null });
    expect(value('\\*star')).toMatchObject({ value: '*star', leading: null });
    expect(parseCpe('cpe:2.3:A:Microsoft:IE:8:*:*:*:*:*:*:*').vendor).toMatchObject({ value: 'microsoft' });
  });

  it.each([
    ['cpe:/a:microsoft:ie:8', 'starts with "cpe:2.3:"'],
    ['cpe:2.3:a:microsoft:ie:8', 'has 11 attributes after "cpe:2.3:", this one has 4'],
    ['cpe:2.3:x:microsoft:ie:8:*:*:*:*:*:*:*', 'part must be a'],
    ['cpe:2.3:a:micro soft:ie:8:*:*:*:*:*:*:*', '" " must be quoted'],
    ['cpe:2.3:a:microsoft:i*e:8:*:*:*:*:*:*:*', 'may only begin or end'],
    ['cpe:2.3:a:microsoft:ie:8:*:*:*:*:*:*:x\\', 'lone backslash'],
    ['cpe:2.3:a::ie:8:*:*:*:*:*:*:*', 'vendor is empty'],
    ['cpe:2.3:a:microsoft:**:8:*:*:*:*:*:*:*', 'wildcards only'],
  ])('refuses %s', (formatted, message) => {
    expect(() => parseCpe(formatted)).toThrow(CpeSyntaxError);
    expect(() => parseCpe(formatted)).toThrow(message);
  });

  it('a register product names part, vendor, product and version, without wildcards', () => {
    expect(() => parseProductName('cpe:2.3:a:ivanti:connect_secure:22.7r2.3:*:*:*:*:*:*:*')).not.toThrow();
    expect(() => parseProductName('cpe:2.3:a:ivanti:connect_secure:*:*:*:*:*:*:*:*')).toThrow('version');
    expect(() => parseProductName('cpe:2.3:a:ivanti:connect_*:22.7:*:*:*:*:*:*:*')).toThrow('without wildcards');
  });
});

describe('compareValues: NISTIR 7696 Table 6-2 (source = match string, target = name)', () => {
  // [case, source, target, relation]; "i"/"k" stand for plain values, "m + wild cards" for a pattern
  it.each([
    [1, '*', '*', 'EQUAL'],
    [2, '*', '-', 'SUPERSET'],
    [3, '*', 'i', 'SUPERSET'],
    [4, '*', 'm*', 'UNDEFINED'],
    [5, '-', '*', 'SUBSET'],
    [6, '-', '-', 'EQUAL'],
    [7, '-', 'i', 'DISJOINT'],
    [8, '-', 'm*', 'UNDEFINED'],
    [9, 'i', 'i', 'EQUAL'],
    [10, 'i', 'k', 'DISJOINT'],
    [11, 'i', 'm*', 'UNDEFINED'],
    [12, 'i', '-', 'DISJOINT'],
    [13, 'i', '*', 'SUBSET'],
    [14, 'm*', '*', 'SUBSET'],
    [15, 'm*', '-', 'DISJOINT'],
    [16, 'm*', 'm?', 'UNDEFINED'],
    [17, 'm*', 'mi', 'SUPERSET'],
    [17, 'm*', 'k', 'DISJOINT'],
  ])('case %i: %s vs %s is %s', (_case, source, target, relation) => {
    expect(compareValues(value(source), value(target))).toBe(relation);
  });

  it.each([
    // NISTIR 7696 §6.1.2: "?" at either end matches up to one character each, "*" any run
    ['??1.0', '1.0', 'SUPERSET'],
    ['??1.0', 'x1.0', 'SUPERSET'],
    ['??1.0', 'xy1.0', 'SUPERSET'],
    ['??1.0', 'xyz1.0', 'DISJOINT'],
    ['1.?', '1.2', 'SUPERSET'],
    ['1.?', '1.23', 'DISJOINT'],
    ['*1.0', 'beta1.0', 'SUPERSET'],
    ['8.*', '8.0.6001', 'SUPERSET'],
    ['8.*', '80', 'DISJOINT'],
    ['\\*', '\\*', 'EQUAL'],
    ['8.0', '8\\.0', 'EQUAL'],
    ['SP1', 'sp1', 'EQUAL'],
  ])('%s vs %s is %s', (source, target, relation) => {
    expect(compareValues(value(source), value(target))).toBe(relation);
  });
});

describe('compareVersions', () => {
  // each version is below the next one
  const ordered = ['1.0', '1.0a', '1.0.beta', '1.0.1', '1.2', '1.10', '2', '22.7R1', '22.7R2', '22.7R2.3', '22.7R2.10', '22.7.2', '22.8'];
  it.each(ordered.slice(1).map((v, i) => [ordered[i], v]))('%s < %s', (a, b) => {
    expect(compareVersions(a, b)).toBe(-1);
    expect(compareVersions(b, a)).toBe(1);
  });

  it.each([
    ['1.0', '1.0.0'],
    ['22.7R2.3', '22.7r2.3'],
    ['2.4.58', '2.4.58'],
    ['7_4', '7.4'],
  ])('%s = %s', (a, b) => expect(compareVersions(a, b)).toBe(0));
});

describe('cpeMatches (match string with NVD version ranges)', () => {
  const ics = 'cpe:2.3:a:ivanti:connect_secure:*:*:*:*:*:*:*:*';
  const name = (version: string, vendor = 'ivanti', product = 'connect_secure') => parseProductName(`cpe:2.3:a:${vendor}:${product}:${version}:*:*:*:*:*:*:*`);
  const match = (m: Partial<CpeMatch>) => parseCpeMatch({ cpe: ics, ...m });

  it.each([
    [{}, '22.7R2.3', true],
    [{ versionEndExcluding: '22.7R2.5' }, '22.7R2.3', true],
    [{ versionEndExcluding: '22.7R2.5' }, '22.7R2.5', false],
    [{ versionEndExcluding: '22.7R2.5' }, '22.7R2.10', false],
    [{ versionEndIncluding: '22.7R2.5' }, '22.7R2.5', true],
    [{ versionStartIncluding: '22.7R1', versionEndExcluding: '22.7R2.5' }, '22.7R1', true],
    [{ versionStartIncluding: '22.7R1', versionEndExcluding: '22.7R2.5' }, '22.6R9', false],
    [{ versionStartExcluding: '22.7R1' }, '22.7R1', false],
    [{ versionStartExcluding: '22.7R1' }, '22.7R1.1', true],
  ])('%j covers %s: %s', (range, version, expected) => {
    expect(cpeMatches(match(range), name(version))).toBe(expected);
  });

  it('vendor, product and the other attributes must match as NISTIR 7696 says', () => {
    expect(cpeMatches(match({}), name('22.7', 'pulse', 'connect_secure'))).toBe(false);
    expect(cpeMatches(parseCpeMatch({ cpe: 'cpe:2.3:a:ivanti:connect_*:*:*:*:*:*:*:*:*' }), name('1'))).toBe(true);
    expect(cpeMatches(parseCpeMatch({ cpe: 'cpe:2.3:o:ivanti:connect_secure:*:*:*:*:*:*:*:*' }), name('1'))).toBe(false);
    expect(cpeMatches(parseCpeMatch({ cpe: 'cpe:2.3:a:ivanti:connect_secure:22.7r2.3:*:*:*:*:*:*:*' }), name('22.7R2.3'))).toBe(true);
    const onLinux = parseProductName('cpe:2.3:a:ivanti:connect_secure:22.7:*:*:*:*:linux:*:*');
    expect(cpeMatches(parseCpeMatch({ cpe: 'cpe:2.3:a:ivanti:connect_secure:*:*:*:*:*:windows:*:*' }), onLinux)).toBe(false);
    expect(cpeMatches(parseCpeMatch({ cpe: 'cpe:2.3:a:ivanti:connect_secure:*:*:*:*:*:-:*:*' }), onLinux)).toBe(false);
  });

  it('refuses malformed ranges', () => {
    expect(() => parseCpeMatch({ cpe: ics, versionStartIncluding: '1', versionStartExcluding: '2' })).toThrow('not both');
    expect(() => parseCpeMatch({ cpe: ics, versionEndIncluding: '1', versionEndExcluding: '2' })).toThrow('not both');
    expect(() => parseCpeMatch({ cpe: 'cpe:2.3:a:ivanti:connect_secure:22.7:*:*:*:*:*:*:*', versionEndExcluding: '2' })).toThrow('version *');
    expect(() => parseCpeMatch({ cpe: ics, versionEndExcluding: '...' })).toThrow('at least one digit');
  });
});
