// Keeps README.md's examples honest: its `incident.json` is validated and filed as the README shows
// (API and `isac`), and its `isac alert issue` / `isac advisory publish` lines run with the
// argument forms they give, against the built API and worker.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startLiveHub, type CliUser, type LiveHub } from '../support/cli-hub.js';

const README = path.resolve(process.cwd(), 'README.md');
const STIX = 'application/stix+json;version=2.1';
const TLP2_IDS: Record<string, string> = {
  'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487': 'TLP:CLEAR',
  'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb': 'TLP:GREEN',
  'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421': 'TLP:AMBER',
  'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003': 'TLP:AMBER+STRICT',
  'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1': 'TLP:RED',
};

/** The fenced block right after the line `with \`incident.json\`:`. */
function incidentJsonOf(readme: string): string {
  const match = /^with `incident\.json`:\n\n```json\n([\s\S]*?)\n```$/m.exec(readme);
  if (!match) throw new Error('README.md has no `incident.json` block after "with `incident.json`:"');
  return match[1];
}

/**
 * The README's `isac <command> …` line (continuations joined), without its `# comment` and its
 * `[optional]` parts, split into arguments as a shell would (double quotes only, as the README uses).
 */
function readmeCommand(readme: string, command: string): string[] {
  const lines = readme.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`isac ${command} `));
  if (start < 0) throw new Error(`README.md has no line starting "isac ${command}"`);
  let text = '';
  for (let i = start; ; i++) {
    const line = lines[i].replace(/\s+#.*$/, '');
    if (!line.trimEnd().endsWith('\\')) {
      text += line;
      break;
    }
    text += line.trimEnd().slice(0, -1) + ' ';
  }
  text = text.replace(/\[[^\]]*\]/g, ' ');
  const args = [...text.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]);
  return args.slice(1);
}

describe('README examples', () => {
  let hub: LiveHub;
  let readme: string;
  let dir: string;
  let incidentFile: string;
  let incident: { name: string; object_marking_refs: string[]; x_isac_report_stage: string };
  let energy: CliUser;
  let energyKey: string;
  let centre: CliUser;

  beforeAll(async () => {
    readme = await readFile(README, 'utf8');
    dir = await mkdtemp(path.join(tmpdir(), 'isac-readme-'));
    incidentFile = path.join(dir, 'incident.json');
    const text = incidentJsonOf(readme);
    await writeFile(incidentFile, text);
    incident = JSON.parse(text).objects.find((o: { type: string }) => o.type === 'incident');
    hub = await startLiveHub();
    energyKey = await hub.key('energy', ['reporter', 'analyst']);
    energy = await hub.user();
    expect((await energy.run(['login', '--url', hub.url], { stdin: energyKey })).code).toBe(0);
    centre = await hub.user();
    expect((await centre.run(['login', '--url', hub.url], { stdin: await hub.key('centre', ['analyst']) })).code).toBe(0);
  }, 60_000);
  afterAll(async () => {
    await hub?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("validates the README's incident.json as the README's comment says, through the API and offline", async () => {
    const res = await fetch(`${hub.url}/api/v1/stix/validate`, { method: 'POST', headers: { authorization: `Bearer ${energyKey}`, 'content-type': STIX }, body: await readFile(incidentFile) });
    expect(res.status).toBe(200);
    // README: # {"valid":true,"errors":[],"warnings":[]}
    expect(await res.text()).toBe('{"valid":true,"errors":[],"warnings":[]}');
    const offline = await energy.run(['stix', 'validate', incidentFile]);
    expect(offline).toMatchObject({ code: 0, stdout: expect.stringContaining('valid STIX 2.1 bundle, 2 objects, 0 errors, 0 warnings') });
  });

  it("files the README's incident.json with `isac incident file`, then the same version again changes nothing", async () => {
    const tlp = TLP2_IDS[incident.object_marking_refs[0]];
    expect(tlp).toBeDefined();
    const filed = await energy.run(['incident', 'file', incidentFile]);
    expect(filed).toMatchObject({ code: 0, stderr: '' });
    const [first, second] = filed.stdout.split('\n');
    expect(first).toMatch(new RegExp(`^case [0-9a-f-]{36} opened: ${incident.name}$`));
    expect(second).toContain(`${tlp}  stage ${incident.x_isac_report_stage}  severity high  next deadline `);
    const again = await energy.run(['incident', 'file', incidentFile]);
    expect(again.code).toBe(0);
    expect(again.stdout.split('\n')[0]).toMatch(new RegExp(`^case [0-9a-f-]{36} unchanged \\(this version was filed already\\): ${incident.name}$`));
  });

  it("runs the README's `isac alert issue` line, and its `--all … --no-ack` variant", async () => {
    const args = readmeCommand(readme, 'alert issue');
    expect(args).toEqual(expect.arrayContaining(['--body-file', '--ack-deadline', '--expires']));
    const bodyFile = args[args.indexOf('--body-file') + 1];
    await writeFile(path.join(dir, bodyFile), '# VPN\nPatch the gateways now.\n');
    const issued = await centre.run(args.map((a) => (a === bodyFile ? path.join(dir, bodyFile) : a)));
    expect(issued).toMatchObject({ code: 0, stdout: expect.stringMatching(/^alert [0-9a-f-]{36} issued: TLP:AMBER critical, to sectors energy,health\n$/) });

    // the comment's forms: "# or --all, --orgs litware,health; --no-ack"
    const audience = args.indexOf('--sectors');
    const deadline = args.indexOf('--ack-deadline');
    const variant = args.filter((_, i) => i !== audience && i !== audience + 1 && i !== deadline && i !== deadline + 1);
    const noAck = await centre.run([...variant.map((a) => (a === bodyFile ? path.join(dir, bodyFile) : a)), '--all', '--no-ack']);
    expect(noAck).toMatchObject({ code: 0, stdout: expect.stringMatching(/^alert [0-9a-f-]{36} issued: TLP:AMBER critical, to everyone\n$/) });
  });

  it("runs the README's `isac advisory publish` line (its optional parts left out)", async () => {
    const published = await energy.run(readmeCommand(readme, 'advisory publish'));
    expect(published).toMatchObject({ code: 0, stdout: expect.stringMatching(/^advisory [0-9a-f-]{36} published: TLP:AMBER high, to sectors energy; organisations health\n$/) });
  });
});
