// `isac exercise` against a live hub (issue 19): the centre's coordinator loads a scenario file (YAML
// or JSON), runs its clock from the command line, reads the after-action report and purges it; a bad
// file or scenario is refused with each problem on its own line with its pointer; another
// organisation's coordinator learns nothing of the exercise.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startLiveHub, type CliUser, type LiveHub } from '../support/cli-hub.js';

const DRILL_YAML = `title: Slow drill
injects:
  - at: 0
    kind: advisory
    title: first
    body: Rotate the vendor's credentials.
    severity: low
    tlp: "TLP:GREEN"
    audience: { organisations: [energy] }
  - at: 30
    kind: advisory
    title: second
    body: Review the configuration pushes.
    severity: low
    tlp: "TLP:GREEN"
    audience: { organisations: [energy] }
`;

describe('isac exercise against a live hub', () => {
  let hub: LiveHub;
  let dir: string;
  const users = {} as Record<'coordinator' | 'analyst' | 'energyCoordinator', CliUser>;
  let exerciseId: string;

  beforeAll(async () => {
    hub = await startLiveHub();
    dir = await mkdtemp(path.join(tmpdir(), 'isac-exercise-'));
    for (const [name, org, roles] of [['coordinator', 'centre', ['coordinator', 'analyst']], ['analyst', 'centre', ['analyst']], ['energyCoordinator', 'energy', ['coordinator', 'analyst']]] as const) {
      const user = await hub.user();
      const login = await user.run(['login', '--url', hub.url, '--key', await hub.key(org, [...roles])]);
      if (login.code !== 0) throw new Error(`login of ${name} failed: ${login.stderr}`);
      users[name] = user;
    }
  });
  afterAll(async () => {
    await hub?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const file = async (name: string, text: string) => {
    const at = path.join(dir, name);
    await writeFile(at, text);
    return at;
  };
  const status = async (id: string) => JSON.parse((await users.coordinator.run(['exercise', 'status', id, '--json'])).stdout);
  const until = async (what: string, check: () => Promise<boolean>) => {
    for (let i = 0; i < 150; i++) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`timed out waiting for ${what}`);
  };

  it('load: a file that is not YAML or JSON is refused before the hub is asked (exit 1), a missing file is a usage error (exit 2)', async () => {
    const broken = await users.coordinator.run(['exercise', 'load', await file('broken.yaml', 'title: x\ninjects: [\n  - at: 0\n')]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/broken\.yaml: not valid YAML: .*line \d+/);
    const json = await users.coordinator.run(['exercise', 'load', await file('broken.json', '{"title": }')]);
    expect(json.code).toBe(1);
    expect(json.stderr).toContain('broken.json: not valid JSON');
    const missing = await users.coordinator.run(['exercise', 'load', path.join(dir, 'none.yaml')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file');
  });

  it("load: a bad scenario is refused whole, each problem on its own line with its pointer; roles and organisations are the hub's to check", async () => {
    const bad = await file('bad.yaml', `title: x
injects:
  - { at: 0, kind: alert, title: t, body: b, severity: severe, tlp: "TLP:AMBER", audience: { sectors: [space] } }
  - { at: 1, kind: status, sector: energy, state: fine }
`);
    const res = await users.coordinator.run(['exercise', 'load', bad]);
    expect(res.code).toBe(1);
    const lines = res.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^error: .*\[EXERCISE\.INVALID\]$/);
    expect(lines.slice(1).map((l) => l.split(':')[0])).toEqual(['/injects/0/severity', '/injects/0/audience/sectors/0', '/injects/1/state', '/injects/1/kind']);
    expect(lines[1]).toBe('/injects/0/severity: must be one of info, low, medium, high, critical (got "severe")');
    const drill = await file('drill.yaml', DRILL_YAML);
    const analyst = await users.analyst.run(['exercise', 'load', drill]);
    expect(analyst.code).toBe(1);
    expect(analyst.stderr).toContain('AUTH.ROLE_REQUIRED');
    const other = await users.energyCoordinator.run(['exercise', 'load', drill]);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('EXERCISE.NOT_CENTRE');
  });

  it('load a YAML file (and the same scenario as JSON on stdin), then start, pause, fast-forward and resume its clock', async () => {
    const viaStdin = await users.coordinator.run(['exercise', 'load', '-', '--json'], { stdin: JSON.stringify({ title: 'Stdin drill', injects: [{ at: 0, kind: 'advisory', title: 'first', body: 'b', severity: 'low', tlp: 'TLP:GREEN', audience: { organisations: ['energy'] } }] }) });
    expect(viaStdin.code).toBe(0);
    expect(JSON.parse(viaStdin.stdout)).toMatchObject({ title: 'Stdin drill', exercise: true, state: 'ready', injects: [expect.objectContaining({ kind: 'advisory', playedAt: null })] });
    // the example the repository ships loads as it is
    const example = await users.coordinator.run(['exercise', 'load', 'config/exercises/carrier-outage.yaml']);
    expect(example.code).toBe(0);
    expect(example.stdout).toMatch(/^loaded exercise [0-9a-f-]{36}: Backbone carrier outage: Contoso core routers down \(8 injects, ready\)$/m);
    const loaded = await users.coordinator.run(['exercise', 'load', await file('drill.yaml', DRILL_YAML)]);
    expect(loaded.code).toBe(0);
    const match = /^loaded exercise ([0-9a-f-]{36}): Slow drill \(2 injects, ready\)$/m.exec(loaded.stdout);
    expect(match).not.toBeNull();
    exerciseId = match![1]!;
    expect(loaded.stderr).toContain(`isac exercise start ${exerciseId} --speed 60`);

    expect((await users.coordinator.run(['exercise', 'start', exerciseId, '--speed', 'fast'])).code).toBe(2);
    const started = await users.coordinator.run(['exercise', 'start', exerciseId, '--speed', '1']);
    expect(started.code).toBe(0);
    expect(started.stdout).toContain(`EXERCISE ${exerciseId}: Slow drill`);
    expect(started.stdout).toMatch(/^running · speed ×1 · /m);
    await until('the first inject', async () => (await status(exerciseId)).injects[0].resultId !== null);
    const again = await users.coordinator.run(['exercise', 'start', exerciseId]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('EXERCISE.CONFLICT');

    expect((await users.coordinator.run(['exercise', 'pause', exerciseId])).stdout).toMatch(/^paused · /m);
    const forwarded = await users.coordinator.run(['exercise', 'fast-forward', exerciseId, '--minutes', '30']);
    expect(forwarded.code).toBe(0);
    expect(forwarded.stdout).toMatch(/^paused · speed ×1 · 30 min on the exercise clock/m);
    await new Promise((r) => setTimeout(r, 500));
    expect((await status(exerciseId)).injects[1].playedAt).toBeNull(); // nothing plays while paused
    expect((await users.coordinator.run(['exercise', 'resume', exerciseId])).code).toBe(0);
    await until('the second inject after resume', async () => (await status(exerciseId)).injects[1].resultId !== null);
    // a room declared by hand as part of the running exercise says so wherever the CLI shows it
    const declared = await users.coordinator.run(['crisis', 'declare', '--title', 'Drill room', '--tlp', 'amber', '--sectors', 'energy', '--exercise', exerciseId]);
    expect(declared.code).toBe(0);
    // the room's title carries the exercise's prefix, as every title an exercise writes
    expect(declared.stdout).toMatch(/declared EXERCISE major incident [0-9a-f-]{36}: \[EXERCISE\] Drill room/);
    const roomId = /major incident ([0-9a-f-]{36})/.exec(declared.stdout)![1]!;
    expect((await users.coordinator.run(['crisis', 'list'])).stdout).toMatch(new RegExp(`^${roomId.slice(0, 8)}\\s.*EXERCISE \\[EXERCISE\\] Drill room$`, 'm'));
    expect((await users.coordinator.run(['crisis', 'status', roomId])).stdout).toContain(`EXERCISE major incident ${roomId}: [EXERCISE] Drill room`);
    const shown = await users.coordinator.run(['exercise', 'status', exerciseId]);
    expect(shown.stdout).toMatch(/^running · .* · 2 of 2 injects played/m);
    expect(shown.stdout).toMatch(/^1\s+\+30 min\s+advisory\s+\S.*[0-9a-f-]{36}\s+second$/m);
  });

  it("another organisation's coordinator learns nothing of it: as for a missing exercise; a malformed id is a usage error", async () => {
    const missing = await users.energyCoordinator.run(['exercise', 'status', '00000000-0000-4000-8000-000000000000']);
    const other = await users.energyCoordinator.run(['exercise', 'status', exerciseId]);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('EXERCISE.NOT_FOUND');
    expect(other.stderr.replaceAll(exerciseId, 'ID')).toBe(missing.stderr.replaceAll('00000000-0000-4000-8000-000000000000', 'ID'));
    for (const action of ['report', 'purge', 'pause']) expect((await users.energyCoordinator.run(['exercise', action, exerciseId])).stderr).toContain('EXERCISE.NOT_FOUND');
    const malformed = await users.coordinator.run(['exercise', 'status', exerciseId.slice(0, 8)]);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('is not an exercise id');
  });

  it('report (to stdout or a file), then purge: what it created is removed, once', async () => {
    const report = await users.coordinator.run(['exercise', 'report', exerciseId]);
    expect(report.code).toBe(0);
    expect(report.stdout).toContain('# EXERCISE — After-action report: Slow drill');
    const out = path.join(dir, 'report.md');
    const written = await users.coordinator.run(['exercise', 'report', exerciseId, '-o', out]);
    expect(written.stderr).toContain(`after-action report written to ${out}`);
    // the same report but for the moment it was written
    const unwritten = (text: string) => text.replace(/written \S+/, 'written …');
    expect(unwritten(await readFile(out, 'utf8'))).toBe(unwritten(report.stdout));
    const purged = await users.coordinator.run(['exercise', 'purge', exerciseId]);
    expect(purged.code).toBe(0);
    expect(purged.stdout.trim()).toBe(`purged exercise ${exerciseId}: removed 3 advisories, 0 cases, 0 STIX objects, 1 major incident`);
    const twice = await users.coordinator.run(['exercise', 'purge', exerciseId, '--json']);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('EXERCISE.CONFLICT');
    expect((await status(exerciseId)).state).toBe('purged');
  });
});
