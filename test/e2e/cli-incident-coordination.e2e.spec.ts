// Issue 17 from a terminal: the next report of a case, its conversation, closing and reopening, and
// cases named by an unambiguous prefix of their id — through the built `isac` against a live hub.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { incidentBundle, type Bundle } from '../factories/stix-bundles.js';
import { startLiveHub, type CliUser, type LiveHub } from '../support/cli-hub.js';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;
const hourAgo = () => new Date(Date.now() - 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');

describe('isac incident: reports, messages, close and reopen, id prefixes', () => {
  let hub: LiveHub;
  let files: string;
  let energy: CliUser;
  let centre: CliUser;
  let health: CliUser;
  let bundle: Bundle;
  let caseId: string;

  beforeAll(async () => {
    hub = await startLiveHub();
    files = await mkdtemp(path.join(tmpdir(), 'isac-cli-coord-'));
    [energy, centre, health] = await Promise.all([hub.user(), hub.user(), hub.user()]);
    const [energyKey, centreKey, healthKey] = await Promise.all([hub.key('energy', ['reporter', 'analyst']), hub.key('centre', ['analyst']), hub.key('health', ['reporter', 'analyst'])]);
    // ISAC_URL names the hub at login (rough edge 8)
    for (const [user, key] of [[energy, energyKey], [centre, centreKey], [health, healthKey]] as const) {
      expect(await user.run(['login'], { stdin: key + '\n', env: { ISAC_URL: hub.url } })).toMatchObject({ code: 0 });
    }
    bundle = incidentBundle({ extra: { name: 'Substation ransomware', x_isac_aware_at: hourAgo() } });
    const file = path.join(files, 'first.json');
    await writeFile(file, JSON.stringify(bundle));
    const filed = await energy.run(['incident', 'file', file]);
    expect(filed.code).toBe(0);
    caseId = UUID.exec(filed.stdout)![0];
  });
  afterAll(async () => {
    await hub?.close();
    if (files) await rm(files, { recursive: true, force: true });
  });

  it("rough edge 5: each side's own next deadline first, by its stage name; --json keeps the hub's data", async () => {
    const rowOf = async (user: CliUser) => (await user.run(['incident', 'list'])).stdout.split('\n').find((r) => r.startsWith(caseId));
    // the centre's 24 h feedback clock is the case's earliest; the reporter owes its 72 h notification
    expect(await rowOf(energy)).toMatch(/\s{2}Incident notification in 2d 2\dh · then Centre feedback in 2\dh \d+m\s{2}Substation ransomware$/);
    expect(await rowOf(centre)).toMatch(/\s{2}Centre feedback in 2\dh \d+m\s{2}Substation ransomware$/);
    const json = JSON.parse((await energy.run(['incident', 'list', '--json'])).stdout);
    expect(json.cases.find((c: { id: string }) => c.id === caseId).nextDeadline).toMatchObject({ clock: 'centre-feedback', owner: 'centre' });
  });

  it('files the next report of a case named by a prefix of its id', async () => {
    const next = { ...bundle, objects: [{ ...bundle.objects[0], modified: new Date().toISOString(), x_isac_report_stage: 'notification', x_isac_severity: 'high' }, ...bundle.objects.slice(1)] };
    const file = path.join(files, 'notification.json');
    await writeFile(file, JSON.stringify(next));
    const reported = await energy.run(['incident', 'report', caseId.slice(0, 8), '--stage', 'notification', '--file', file]);
    expect(reported).toMatchObject({ code: 0, stderr: '' });
    expect(reported.stdout).toContain(`case ${caseId} updated: Substation ransomware`);
    expect(reported.stdout).toContain('stage notification');
    // a flag that contradicts the bundle's stage is named as the flag, not as the hub's ?stage= (rough edge 7)
    const contradicting = path.join(files, 'contradicting.json');
    await writeFile(contradicting, JSON.stringify({ ...next, objects: [{ ...next.objects[0], modified: new Date(Date.now() + 1000).toISOString(), x_isac_report_stage: 'final' }, ...next.objects.slice(1)] }));
    const mismatch = await energy.run(['incident', 'report', caseId, '--stage', 'intermediate', '--file', contradicting]);
    expect(mismatch.code).not.toBe(0);
    expect(mismatch.stderr).toContain('--stage intermediate contradicts x_isac_report_stage "final"');
    expect(mismatch.stderr).not.toContain('?stage=');
    // a bundle of another incident is not this case's report
    const other = path.join(files, 'other.json');
    await writeFile(other, JSON.stringify(incidentBundle()));
    expect(await energy.run(['incident', 'report', caseId, '--stage', 'final', '--file', other])).toMatchObject({ code: 2, stderr: expect.stringContaining('holds no version') });
    const missing = await energy.run(['incident', 'report', caseId]);
    expect(missing.code).toBe(2);
  });

  it('a prefix of a case the caller may not list names nothing (exit 1), as an unknown one', async () => {
    const hidden = await health.run(['incident', 'show', caseId.slice(0, 8)]);
    const unknown = await health.run(['incident', 'show', 'ffffffff']);
    expect(hidden.code).toBe(1);
    expect(hidden.stderr.replace(caseId.slice(0, 8), 'X')).toBe(unknown.stderr.replace('ffffffff', 'X'));
    expect(hidden.stderr).not.toContain(caseId);
  });

  it('the centre asks on the case, the reporter reads and answers; a wider TLP is refused', async () => {
    const wider = await centre.run(['incident', 'message', caseId, 'Seen elsewhere?', '--tlp', 'green']);
    expect(wider.code).toBe(1);
    expect(wider.stderr).toContain('[INCIDENT.MESSAGE_TLP_WIDER_THAN_CASE]');
    expect(await centre.run(['incident', 'message', caseId.slice(0, 6), 'Is the HMI isolated?', '--kind', 'question', '--tlp', 'red'])).toMatchObject({ code: 0, stdout: expect.stringContaining('(TLP:RED)') });
    expect(await energy.run(['incident', 'message', caseId.slice(0, 6), 'Yes, since 07:00.', '--kind', 'answer'])).toMatchObject({ code: 0 });
    const messages = await energy.run(['incident', 'messages', caseId.slice(0, 6)]);
    expect(messages.code).toBe(0);
    expect(messages.stdout).toMatch(/TLP:RED {2}centre {2}question\n {6}Is the HMI isolated\?\n.*TLP:AMBER\+STRICT {2}energy {2}answer\n {6}Yes, since 07:00\./);
    const json = JSON.parse((await centre.run(['incident', 'messages', caseId, '--json'])).stdout);
    expect(json.messages).toHaveLength(2);
    const shown = await energy.run(['incident', 'show', caseId.slice(0, 6)]);
    expect(shown.stdout).toContain('messages');
    expect(shown.stdout).toContain('Is the HMI isolated?');
  });

  it('rough edge 8: --version; alert issue names every missing option at once, without the whole help', async () => {
    const version = await centre.run(['--version']);
    expect(version).toMatchObject({ code: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+\n$/) });
    const issued = await centre.run(['alert', 'issue']);
    expect(issued.code).toBe(2);
    expect(issued.stderr.trim().split('\n')).toEqual([
      'error: missing: --title <text>; --body <markdown> or --body-file <path>; --severity <level>; --tlp <label>; an audience: --all, --sectors <list>, --orgs <list>, --product <cpe> or --depends-on <list>',
    ]);
    // --expires defaults to 7 days, as the console proposes
    const alert = await centre.run(['alert', 'issue', '--title', 'Storm', '--body', 'Stay in', '--severity', 'low', '--tlp', 'green', '--all', '--no-ack', '--json']);
    expect(alert.code).toBe(0);
    const days = (Date.parse(JSON.parse(alert.stdout).expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThan(7.01);
  });

  it('closes with a reason and reopens; a closed case leaves the list', async () => {
    expect((await energy.run(['incident', 'close', caseId])).code).toBe(1); // no final report, no reason
    expect(await energy.run(['incident', 'close', caseId.slice(0, 8), '--reason', 'contained'])).toMatchObject({ code: 0, stdout: `case ${caseId} closed: Substation ransomware\n` });
    expect(JSON.parse((await energy.run(['incident', 'list', '--json'])).stdout).cases.map((c: { id: string }) => c.id)).not.toContain(caseId);
    expect(JSON.parse((await energy.run(['incident', 'list', '--state', 'closed', '--json'])).stdout).cases.map((c: { id: string }) => c.id)).toEqual([caseId]);
    expect(await centre.run(['incident', 'reopen', caseId.slice(0, 8)])).toMatchObject({ code: 0, stdout: `case ${caseId} reopened: Substation ransomware\n` });
    expect(JSON.parse((await energy.run(['incident', 'list', '--json'])).stdout).cases.map((c: { id: string }) => c.id)).toContain(caseId);
  });
});
