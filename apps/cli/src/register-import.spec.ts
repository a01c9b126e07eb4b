import { CliError } from './exit-codes.js';
import { csvRecords, entriesFromCsv, entriesFromFile, entriesFromJson } from './register-import.js';

describe('register import', () => {
  it('reads RFC 4180 records: quoted commas, doubled quotes, CRLF, a BOM, blank lines', () => {
    expect(csvRecords('\ufeffa,"b,c"\r\n"say ""hi""",\n\nx,y')).toEqual([
      ['a', 'b,c'],
      ['say "hi"', ''],
      ['x', 'y'],
    ]);
  });

  it('turns CSV rows into entries, lists split on ";", columns in any order, rows numbered as in the file', () => {
    const csv = [
      'Name,kind,criticality,products,dependsOn,tlp',
      '"Grid control, remote",ot,critical,cpe:2.3:a:ivanti:connect_secure:22.7r2.3:*:*:*:*:*:*:*; cpe:2.3:o:cisco:ios:15.1:*:*:*:*:*:*:*,fabrikam;external:Example Cloud,TLP:AMBER',
      'Billing,service,low,,,',
    ].join('\n');
    expect(entriesFromCsv(csv)).toEqual([
      {
        source: 'row 2',
        body: {
          name: 'Grid control, remote',
          kind: 'ot',
          criticality: 'critical',
          products: ['cpe:2.3:a:ivanti:connect_secure:22.7r2.3:*:*:*:*:*:*:*', 'cpe:2.3:o:cisco:ios:15.1:*:*:*:*:*:*:*'],
          dependsOn: ['fabrikam', 'external:Example Cloud'],
          tlp: 'TLP:AMBER',
        },
      },
      { source: 'row 3', body: { name: 'Billing', kind: 'service', criticality: 'low' } },
    ]);
    expect(entriesFromCsv('criticality,kind,name\nhigh,cloud,Mail')).toEqual([{ source: 'row 2', body: { name: 'Mail', kind: 'cloud', criticality: 'high' } }]);
  });

  it('refuses a header it does not know, or without the required columns, as wrong usage', () => {
    expect(() => entriesFromCsv('name,kind,owner\nx,y,z')).toThrow(/unknown CSV column owner/);
    expect(() => entriesFromCsv('name,kind\nx,y')).toThrow(/lacks criticality/);
    expect(() => entriesFromCsv('')).toThrow(CliError);
  });

  it('takes a JSON list or what `infra list --json` prints, leaving ids and dates out', () => {
    const listed = { entries: [{ id: 'e1', organisation: { slug: 'litware' }, name: 'Mail', kind: 'cloud', criticality: 'high', products: [], dependsOn: ['external:mailco'], tlp: 'TLP:GREEN', createdAt: '2026-12-01T00:00:00.000Z' }] };
    expect(entriesFromJson(listed)).toEqual([{ source: 'entry 0', body: { name: 'Mail', kind: 'cloud', criticality: 'high', dependsOn: ['external:mailco'], tlp: 'TLP:GREEN' } }]);
    expect(entriesFromJson([{ name: 'x', kind: 'ot', criticality: 'low' }])).toHaveLength(1);
    expect(() => entriesFromJson({ objects: [] })).toThrow(/list of entries/);
  });

  it('chooses by the file name, else JSON', () => {
    expect(entriesFromFile('reg.CSV', 'name,kind,criticality\na,ot,low')).toHaveLength(1);
    expect(entriesFromFile('reg.json', '[]')).toEqual([]);
    expect(() => entriesFromFile('reg.txt', 'name,kind')).toThrow(/neither a \.csv file nor JSON/);
  });
});
