import { exposedEntries, lookupKeys, matchOf, normaliseProvider, parseTargets, productKey } from './exposure.js';
import { parseCpe } from './cpe.js';

const entries = [
  { id: 'vpn-old', orgId: 'litware', products: ['cpe:2.3:a:ivanti:connect_secure:22.7r2.3:*:*:*:*:*:*:*'], dependsOn: ['external:nordic cloud'] },
  { id: 'vpn-new', orgId: 'adatum', products: ['cpe:2.3:a:ivanti:connect_secure:22.7r2.10:*:*:*:*:*:*:*'], dependsOn: ['fabrikam'] },
  { id: 'scada', orgId: 'adatum', products: ['cpe:2.3:a:siemens:wincc:7.5:*:*:*:*:*:*:*'], dependsOn: [] },
];

describe('exposure', () => {
  it('a product range exposes exactly the entries inside it', () => {
    const parsed = parseTargets({ products: [{ cpe: 'cpe:2.3:a:ivanti:connect_secure:*:*:*:*:*:*:*:*', versionEndExcluding: '22.7R2.5' }] }, '/audience');
    if (!parsed.ok) throw new Error('parse');
    expect(exposedEntries(entries, parsed.targets).map((e) => e.id)).toEqual(['vpn-old']);
  });

  it('dependsOn names a network organisation or an external supplier, case-insensitively', () => {
    const parsed = parseTargets({ dependsOn: ['External:Nordic Cloud ', 'FABRIKAM'] }, '/audience');
    if (!parsed.ok) throw new Error('parse');
    expect(exposedEntries(entries, parsed.targets).map((e) => e.id)).toEqual(['vpn-old', 'vpn-new']);
    expect(normaliseProvider(' external: Big Carrier ')).toBe('external:big carrier');
  });

  it('tells what of an entry matched: the products a match string covers and the providers named, nothing else', () => {
    const parsed = parseTargets(
      { products: [{ cpe: 'cpe:2.3:a:ivanti:connect_secure:*:*:*:*:*:*:*:*', versionEndExcluding: '22.7R2.5' }], dependsOn: ['external:Nordic Cloud'] },
      '/audience',
    );
    if (!parsed.ok) throw new Error('parse');
    const both = { products: [...entries[0].products, 'cpe:2.3:a:siemens:wincc:7.5:*:*:*:*:*:*:*'], dependsOn: ['external:nordic cloud', 'fabrikam'] };
    expect(matchOf(both, parsed.targets)).toEqual({ products: [entries[0].products[0]], dependsOn: ['external:nordic cloud'] });
    expect(matchOf(entries[1], parsed.targets)).toEqual({ products: [], dependsOn: [] });
  });

  it('reports bad match strings with their pointers', () => {
    const parsed = parseTargets({ products: [{ cpe: 'cpe:2.3:a:x:y:*:*:*:*:*:*:*:*' }, { cpe: 'cpe:2.3:a:x' }, { cpe: 'cpe:2.3:a:x:y:*:*:*:*:*:*:*:*', versionEndIncluding: '1', versionEndExcluding: '2' }], dependsOn: ['external:'] }, '/audience');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems.map((p) => p.pointer)).toEqual(['/audience/products/1/cpe', '/audience/products/2/versionEndExcluding', '/audience/dependsOn/0']);
  });

  it('narrows the database lookup by product key unless vendor or product has wildcards', () => {
    expect(productKey(parseCpe('cpe:2.3:a:foo\\:bar:p:1:*:*:*:*:*:*:*'))).toBe('a:foo\\:bar:p');
    const exact = parseTargets({ products: [{ cpe: 'cpe:2.3:a:ivanti:connect_secure:*:*:*:*:*:*:*:*' }], dependsOn: ['fabrikam'] }, '');
    const wild = parseTargets({ products: [{ cpe: 'cpe:2.3:a:ivanti:connect_*:*:*:*:*:*:*:*:*' }] }, '');
    if (!exact.ok || !wild.ok) throw new Error('parse');
    expect(lookupKeys(exact.targets)).toEqual({ productKeys: ['a:ivanti:connect_secure'], providers: ['fabrikam'] });
    expect(lookupKeys(wild.targets).productKeys).toBeNull();
  });
});
