import { reachLines, registerTable, shortCpe } from './register-format.js';

const entry = { id: '5dab401f-0000-4000-8000-000000000000', organisation: { id: 'o', slug: 'litware' }, name: 'Grid control', kind: 'ot', criticality: 'critical', products: ['cpe:2.3:a:ivanti:connect_secure:22.7r2.3:*:*:*:*:*:*:*'], dependsOn: ['fabrikam'], tlp: 'TLP:AMBER', createdAt: '2026-12-01T00:00:00.000Z' };

describe('register output', () => {
  it('shortens CPE names to vendor:product:version', () => {
    expect(shortCpe('cpe:2.3:a:ivanti:connect_secure:22.7r2.3:*:*:*:*:*:*:*')).toBe('ivanti:connect_secure:22.7r2.3');
    expect(shortCpe('cpe:2.3:a:ivanti:connect_secure:*:*:*:*:*:*:*:*')).toBe('ivanti:connect_secure');
    expect(shortCpe('cpe:2.3:a:foo\\:bar:baz:1.0:*:*:*:*:*:*:*')).toBe('foo\\:bar:baz:1.0');
  });

  it('a table with the TLP on every entry', () => {
    const lines = registerTable([entry], false);
    expect(lines[0]).toMatch(/^ENTRY\s+TLP\s+ORGANISATION\s+CRITICALITY\s+KIND\s+NAME\s+PRODUCTS\s+DEPENDS ON$/);
    expect(lines[1]).toMatch(/^5dab401f\s+TLP:AMBER\s+litware\s+critical\s+ot\s+Grid control\s+ivanti:connect_secure:22.7r2.3\s+fabrikam$/);
  });

  it('reach: the entries, then organisations and sectors', () => {
    const lines = reachLines(
      {
        entries: [{ ...entry, matched: ['product'] }],
        organisations: [{ slug: 'litware', sector: 'energy', entries: 1, highestCriticality: 'critical', matched: ['product'] }],
        sectors: [{ sector: 'energy', organisations: 1, entries: 1 }],
      },
      false,
    );
    expect(lines[1]).toMatch(/product$/);
    expect(lines.slice(-2)).toEqual(['1 organisation in 1 sector: energy 1', '  litware (energy): 1 entry, highest critical, by product']);
    expect(reachLines({ entries: [], organisations: [], sectors: [] }, false)).toEqual(['no register you may read matches']);
  });
});
