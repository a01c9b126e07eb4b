import { ExampleRegistersError, parseExampleRegisters } from './example-registers.js';

const slugs = new Set(['centre', 'energy', 'litware', 'fabrikam']);
const GATEWAY = 'cpe:2.3:a:examplesoft:secure_gateway:9.1.2:*:*:*:*:*:*:*';

describe('parseExampleRegisters', () => {
  it('reads entries per organisation, normalised as the API stores them', () => {
    const registers = parseExampleRegisters(
      `registers:\n  litware:\n    - { name: Grid control, kind: ot, criticality: critical, products: ["${GATEWAY}"], dependsOn: [fabrikam, "external:Example Cloud"] }\n    - { name: Portal, kind: service, criticality: low, tlp: "TLP:GREEN" }\n`,
      slugs,
    );
    expect(registers).toEqual([
      {
        slug: 'litware',
        entries: [
          { name: 'Grid control', kind: 'ot', criticality: 'critical', products: [GATEWAY], productKeys: ['a:examplesoft:secure_gateway'], dependsOn: ['fabrikam', 'external:example cloud'], tlp: 'TLP:AMBER+STRICT' },
          { name: 'Portal', kind: 'service', criticality: 'low', products: [], productKeys: [], dependsOn: [], tlp: 'TLP:GREEN' },
        ],
      },
    ]);
  });

  it('no section, no registers', () => {
    expect(parseExampleRegisters('centre: { name: x }\n', slugs)).toEqual([]);
  });

  it('names every problem with its place in the file, all at once', () => {
    const yaml = [
      'registers:',
      '  atlantis: []',
      '  litware:',
      '    - { name: A, kind: mainframe, criticality: critical }',
      `    - { name: B, kind: ot, criticality: high, products: ["cpe:2.3:a:examplesoft"], dependsOn: [nobody], owner: me }`,
      `    - { name: C, kind: ot, criticality: high, products: ["cpe:2.3:a:examplesoft"], dependsOn: [nobody], tlp: "TLP:PINK" }`,
      '    - { name: C, kind: ot, criticality: high }',
      '  fabrikam: { name: x }',
    ].join('\n');
    let error: ExampleRegistersError | undefined;
    try {
      parseExampleRegisters(yaml, slugs);
    } catch (e) {
      error = e as ExampleRegistersError;
    }
    expect(error).toBeInstanceOf(ExampleRegistersError);
    expect(error!.code).toBe('NETWORK.INVALID_REGISTERS');
    for (const part of [
      '/registers/atlantis: "atlantis" is not an organisation of the network',
      '/registers/litware/0/kind must be one of service, system',
      '/registers/litware/1/owner is not a field of an entry',
      '/registers/litware/2/products/0 "cpe:2.3:a:examplesoft" is not a CPE 2.3 product name',
      '/registers/litware/2/dependsOn/0 "nobody" is neither an organisation of the network',
      '/registers/litware/2/tlp "TLP:PINK" is not a TLP label',
      '/registers/litware/3/name "C" is listed twice for litware',
      '/registers/fabrikam must be a list of entries',
    ]) {
      expect(error!.message).toContain(part);
    }
  });

  it('the shipped config/network.yaml holds 2 to 4 entries per sector, all valid', async () => {
    const { readFile } = await import('node:fs/promises');
    const { parseNetworkDefinition, SECTORS } = await import('@isac/organisations');
    const text = await readFile('config/network.yaml', 'utf8');
    const network = parseNetworkDefinition(text);
    const registers = parseExampleRegisters(text, new Set(network.map((o) => o.slug)));
    for (const sector of SECTORS) {
      const inSector = new Set(network.filter((o) => o.sector === sector).map((o) => o.slug));
      const count = registers.filter((r) => inSector.has(r.slug)).reduce((n, r) => n + r.entries.length, 0);
      expect([sector, count >= 2 && count <= 4]).toEqual([sector, true]);
    }
  });
});
