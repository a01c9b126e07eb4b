// `isac infra` against a live hub (issue 18): registers imported from CSV and JSON, listed as the
// TLP policy allows, and asked who runs a product range or depends on a provider.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { incidentBundle } from '../factories/stix-bundles.js';
import { startLiveHub, type CliUser, type LiveHub } from '../support/cli-hub.js';

const IVANTI = (version: string) => `cpe:2.3:a:ivanti:connect_secure:${version}:*:*:*:*:*:*:*`;
const ANY_IVANTI = 'cpe:2.3:a:ivanti:connect_secure:*:*:*:*:*:*:*:*';

describe('isac infra against a live hub', () => {
  let hub: LiveHub;
  let files: string;
  const users = {} as Record<'centre' | 'litware' | 'adatum' | 'proseware', CliUser>;

  const loggedIn = async (org: string, roles = ['analyst']) => {
    const user = await hub.user();
    const login = await user.run(['login', '--url', hub.url, '--key', await hub.key(org, roles)]);
    if (login.code !== 0) throw new Error(`login of ${org} failed: ${login.stderr}`);
    return user;
  };

  beforeAll(async () => {
    hub = await startLiveHub();
    files = await mkdtemp(path.join(tmpdir(), 'isac-cli-infra-'));
    for (const org of ['centre', 'litware', 'adatum', 'proseware'] as const) users[org] = await loggedIn(org);
  });
  afterAll(async () => {
    await hub?.close();
    if (files) await rm(files, { recursive: true, force: true });
  });

  it('imports a CSV: good rows are stored, a refused row is named with its pointer, exit 1', async () => {
    const csv = path.join(files, 'litware.csv');
    await writeFile(
      csv,
      [
        'name,kind,criticality,products,dependsOn,tlp',
        `"Grid control, remote access",ot,critical,${IVANTI('22.7r2.3')},fabrikam;external:Example Cloud,`,
        'Broken,software,low,cpe:2.3:a:ivanti,,',
        'SCADA historian,system,high,cpe:2.3:a:examplesoft:historian:7.1:*:*:*:*:*:*:*,,TLP:AMBER',
      ].join('\n'),
    );
    const result = await users.litware.run(['infra', 'import', csv]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^row 2: [0-9a-f-]{36}  Grid control, remote access$/m);
    expect(result.stdout).toMatch(/^row 4: [0-9a-f-]{36}  SCADA historian$/m);
    expect(result.stderr).toContain('2 of 3 entries stored');
    expect(result.stderr).toMatch(/^row 3: .*INFRASTRUCTURE\.INVALID/m);
    expect(result.stderr).toMatch(/^row 3: \/products\/0: /m);
  });

  it('imports a JSON list (and from stdin), --json saying what was stored', async () => {
    const json = path.join(files, 'adatum.json');
    await writeFile(json, JSON.stringify([{ name: 'Market VPN', kind: 'network', criticality: 'critical', products: [IVANTI('22.7r2.10')], dependsOn: ['fabrikam'], tlp: 'TLP:RED' }]));
    const result = await users.adatum.run(['infra', 'import', json, '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ stored: 1, refused: 0, entries: [{ source: 'entry 0', name: 'Market VPN', id: expect.any(String) }] });
    const piped = await users.proseware.run(['infra', 'import', '-'], { stdin: JSON.stringify({ entries: [{ name: 'Clearing engine', kind: 'service', criticality: 'critical', dependsOn: ['fabrikam'], tlp: 'TLP:GREEN' }] }) });
    expect(piped).toMatchObject({ code: 0, stderr: expect.stringContaining('1 of 1 entry stored') });
  });

  it('a file it cannot read as a register is wrong usage (exit 2), before anything is sent', async () => {
    const bad = path.join(files, 'bad.csv');
    await writeFile(bad, 'name,kind,owner\nx,ot,me\n');
    expect(await users.litware.run(['infra', 'import', bad])).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown CSV column owner') });
    expect(await users.litware.run(['infra', 'import', path.join(files, 'missing.csv')])).toMatchObject({ code: 2, stderr: expect.stringContaining('no such file') });
  });

  it('lists what each may read: the centre a sector, a member its own and the GREEN', async () => {
    const centre = JSON.parse((await users.centre.run(['infra', 'list', '--sector', 'energy', '--json'])).stdout) as { entries: { name: string }[] };
    expect(centre.entries.map((e) => e.name).sort()).toEqual(['Grid control, remote access', 'Market VPN', 'SCADA historian']);
    const litware = await users.litware.run(['infra', 'list']);
    expect(litware.code).toBe(0);
    expect(litware.stdout).toMatch(/^ENTRY\s+TLP\s+ORGANISATION/);
    expect(litware.stdout).toMatch(/TLP:AMBER\+STRICT\s+litware\s+critical\s+ot\s+Grid control, remote access\s+ivanti:connect_secure:22\.7r2\.3\s+fabrikam,external:example cloud/);
    expect(litware.stdout).toMatch(/TLP:GREEN\s+proseware\s+critical\s+service\s+Clearing engine/);
    expect(litware.stdout).not.toContain('Market VPN');
    const prosewareOnly = JSON.parse((await users.litware.run(['infra', 'list', '--org', 'proseware', '--json'])).stdout) as { entries: unknown[] };
    expect(prosewareOnly.entries).toHaveLength(1);
  });

  it('exposed: who runs a product before a version, and who depends on a provider, as the caller may read', async () => {
    const centre = await users.centre.run(['infra', 'exposed', '--product', ANY_IVANTI, '--version-end-excluding', '22.7R2.5']);
    expect(centre.code).toBe(0);
    expect(centre.stdout).toContain('Grid control, remote access');
    expect(centre.stdout).not.toContain('Market VPN');
    expect(centre.stdout).toContain('1 organisation in 1 sector: energy 1');
    const byProvider = JSON.parse((await users.centre.run(['infra', 'exposed', '--depends-on', 'fabrikam', '--json'])).stdout) as { organisations: { slug: string }[]; sectors: { sector: string }[] };
    expect(byProvider.organisations.map((o) => o.slug)).toEqual(['adatum', 'litware', 'proseware']);
    expect(byProvider.sectors.map((s) => s.sector)).toEqual(['energy', 'finance']);
    const member = JSON.parse((await users.litware.run(['infra', 'exposed', '--depends-on', 'fabrikam', '--json'])).stdout) as { organisations: { slug: string }[] };
    expect(member.organisations.map((o) => o.slug)).toEqual(['litware', 'proseware']);
  });

  it('exposed without a question is wrong usage; a bad match string is refused by the hub', async () => {
    expect(await users.centre.run(['infra', 'exposed'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--product') });
    const bad = await users.centre.run(['infra', 'exposed', '--product', 'cpe:2.3:a:ivanti']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('INFRASTRUCTURE.INVALID');
  });

  it('imports a STIX bundle of infrastructure and software, the TLP from its markings', async () => {
    const T = '2026-12-01T00:00:00.000Z';
    const infra = { type: 'infrastructure', id: 'infrastructure--4b9e5f1a-2c3d-4e5f-8a9b-0c1d2e3f4a5b', spec_version: '2.1', created: T, modified: T, name: 'Wind farm remote access', x_isac_kind: 'ot', x_isac_criticality: 'high', object_marking_refs: ['marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421'] };
    const vpn = { type: 'software', id: 'software--5c0f6a2b-3d4e-4f60-9bac-1d2e3f4a5b6c', spec_version: '2.1', name: 'Connect Secure', cpe: IVANTI('22.7r2.4') };
    const carrier = { type: 'identity', id: 'identity--6d1a7b3c-4e5f-4071-8cbd-2e3f4a5b6c7d', spec_version: '2.1', created: T, modified: T, name: 'Fabrikam Mobile', identity_class: 'organization', x_isac_slug: 'fabrikam' };
    const rel = (type: string, target: string, n: number) => ({ type: 'relationship', id: `relationship--7e2b8c4d-5f60-4182-9dce-3f4a5b6c7d8${n}`, spec_version: '2.1', created: T, modified: T, relationship_type: type, source_ref: infra.id, target_ref: target });
    const file = path.join(files, 'northwind.json');
    await writeFile(file, JSON.stringify({ type: 'bundle', id: 'bundle--8f3c9d5e-6071-4293-adef-4a5b6c7d8e9f', objects: [infra, vpn, carrier, rel('consists-of', vpn.id, 1), rel('related-to', carrier.id, 2)] }));
    const northwind = await loggedIn('northwind-power');
    const imported = await northwind.run(['infra', 'import', file]);
    expect(imported).toMatchObject({ code: 0, stdout: expect.stringMatching(new RegExp(`^${infra.id}: [0-9a-f-]{36}  Wind farm remote access$`, 'm')) });
    const listed = JSON.parse((await northwind.run(['infra', 'list', '--org', 'northwind-power', '--json'])).stdout) as { entries: object[] };
    expect(listed.entries).toEqual([expect.objectContaining({ name: 'Wind farm remote access', kind: 'ot', criticality: 'high', tlp: 'TLP:AMBER', products: [IVANTI('22.7r2.4')], dependsOn: ['fabrikam'] })]);
    const exposed = JSON.parse((await users.centre.run(['infra', 'exposed', '--product', ANY_IVANTI, '--version-end-excluding', '22.7R2.5', '--json'])).stdout) as { organisations: { slug: string }[] };
    expect(exposed.organisations.map((o) => o.slug)).toEqual(['litware', 'northwind-power']);
    // the hub reads the bundle whole: software without a cpe refuses it, with the object's pointer, and nothing is stored
    const nameless = { ...vpn, id: 'software--5c0f6a2b-3d4e-4f60-9bac-1d2e3f4a5b6d', cpe: undefined };
    const objects = [{ ...infra, name: 'Second' }, nameless, rel('consists-of', nameless.id, 3)];
    await writeFile(file, JSON.stringify({ type: 'bundle', id: 'bundle--8f3c9d5e-6071-4293-adef-4a5b6c7d8e90', objects }));
    const refused = await northwind.run(['infra', 'import', file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^\/objects\/1: .*without a cpe/m);
    expect(refused.stderr).toContain('nothing was stored');
    expect(JSON.parse((await northwind.run(['infra', 'list', '--org', 'northwind-power', '--json'])).stdout).entries).toHaveLength(1);
  });

  it('exposed --incident: who runs the products a case names as affected, one answer each', async () => {
    const reporter = await loggedIn('energy', ['reporter']);
    const affected = [IVANTI('22.7r2.3'), { cpe: ANY_IVANTI, versionStartIncluding: '22.7R2.4', versionEndExcluding: '22.7R2.5' }];
    const file = path.join(files, 'case.json');
    await writeFile(file, JSON.stringify(incidentBundle({ tlp: 'TLP:AMBER', extra: { name: 'VPN compromise', x_isac_aware_at: new Date().toISOString(), x_isac_affected_products: affected } })));
    const filed = await reporter.run(['incident', 'file', file, '--json']);
    expect(filed.code).toBe(0);
    const caseId = (JSON.parse(filed.stdout) as { id: string }).id;
    const answer = JSON.parse((await users.centre.run(['infra', 'exposed', '--incident', caseId, '--json'])).stdout) as { answers: { product: { cpe: string }; reach: { organisations: { slug: string }[] } }[] };
    expect(answer.answers.map((a) => [a.product.cpe, a.reach.organisations.map((o) => o.slug)])).toEqual([
      [IVANTI('22.7r2.3'), ['litware']],
      [ANY_IVANTI, ['northwind-power']],
    ]);
    const human = await users.centre.run(['infra', 'exposed', '--incident', caseId]);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain(`${ANY_IVANTI} from 22.7R2.4 before 22.7R2.5:`);
    expect(human.stdout).toContain('Wind farm remote access');
    expect(await users.centre.run(['infra', 'exposed', '--incident', caseId, '--product', ANY_IVANTI])).toMatchObject({ code: 2 });
  });

  it('advisory publish --incident: the reach of a case turned into a targeted warning in one step; each exposed member is told its match', async () => {
    const reporter = await loggedIn('energy', ['reporter']);
    const file = path.join(files, 'case-providers.json');
    const affected = {
      x_isac_affected_products: [{ cpe: ANY_IVANTI, versionEndExcluding: '22.7R2.4' }],
      x_isac_affected_providers: ['external:Example Cloud'],
    };
    await writeFile(
      file,
      JSON.stringify(incidentBundle({ tlp: 'TLP:AMBER', extra: { name: 'Cloud and VPN', x_isac_aware_at: new Date().toISOString(), ...affected } })),
    );
    const caseId = (JSON.parse((await reporter.run(['incident', 'file', file, '--json'])).stdout) as { id: string }).id;
    const exposed = JSON.parse((await users.centre.run(['infra', 'exposed', '--incident', caseId, '--json'])).stdout) as {
      answers: { reach: { organisations: { slug: string }[] } }[];
    };
    // the case's provider rides along with its product: litware runs 22.7r2.3 and depends on Example Cloud
    expect(exposed.answers.map((a) => a.reach.organisations.map((o) => o.slug))).toEqual([['litware']]);
    const args = ['--title', 'VPN and cloud', '--body', 'Patch and check.', '--severity', 'high', '--tlp', 'amber', '--incident', caseId.slice(0, 8)];
    const published = await users.centre.run(['advisory', 'publish', ...args, '--json']);
    expect(published.code).toBe(0);
    const advisory = JSON.parse(published.stdout) as { id: string; audience: object };
    expect(advisory.audience).toEqual({ products: [{ cpe: ANY_IVANTI, versionEndExcluding: '22.7R2.4' }], dependsOn: ['external:Example Cloud'] });
    const inboxOf = async (user: CliUser) => {
      for (let i = 0; i < 100; i++) {
        const out = await user.run(['inbox']);
        if (out.stdout.includes(advisory.id)) return out.stdout;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('not delivered');
    };
    const litware = await inboxOf(users.litware);
    expect(litware).toContain(
      `entry ${advisory.id} matched your register: Grid control, remote access: runs ${IVANTI('22.7r2.3')}; depends on external:example cloud`,
    );
    // adatum (energy, AMBER through its unit) may read it but matched nothing and is told of nobody's match
    const adatum = await users.adatum.run(['advisory', 'show', advisory.id]);
    expect(adatum.code).toBe(0);
    expect(adatum.stdout).not.toMatch(/matched|Grid control|litware/);
    const shown = await users.centre.run(['advisory', 'show', advisory.id]);
    expect(shown.stdout).toContain('audience   running cpe:2.3:a:ivanti:connect_secure:*:*:*:*:*:*:*:* before 22.7R2.4; depending on external:Example Cloud');
    expect(shown.stdout).not.toContain('matched ');
    // an alert too, and the options given by hand
    const alert = await users.centre.run([
      'alert',
      'issue',
      '--title',
      'Fabrikam',
      '--body',
      'b',
      '--severity',
      'high',
      '--tlp',
      'amber',
      '--depends-on',
      'fabrikam',
      '--json',
    ]);
    expect(alert.code).toBe(0);
    expect((JSON.parse(alert.stdout) as { audience: object }).audience).toEqual({ dependsOn: ['fabrikam'] });
    expect(
      await users.centre.run(['advisory', 'publish', '--title', 't', '--body', 'b', '--severity', 'low', '--tlp', 'amber', '--version-end-excluding', '2']),
    ).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('bounds a --product'),
    });
  });
});
