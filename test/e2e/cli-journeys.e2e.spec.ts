// The three journeys of issue 7 through the built `isac` only, against the built API and worker:
// a sector unit's analyst filing an incident and reading the inbox; the centre issuing an alert and
// watching who acknowledged it; a coordinator preparing a meeting.
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ICAL from 'ical.js';
import { incidentBundle } from '../factories/stix-bundles.js';
import { startLiveHub, type CliUser, type LiveHub } from '../support/cli-hub.js';
import { freePort } from '../support/processes.js';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const hourAgo = () => new Date(Date.now() - 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');

describe('isac, the user CLI, against a live hub', () => {
  let hub: LiveHub;
  let files: string;
  let energy: CliUser;
  let centre: CliUser;
  let coordinator: CliUser;
  let energyKey: string;
  let healthKey: string;
  let caseId: string;
  let alertId: string;

  beforeAll(async () => {
    hub = await startLiveHub();
    files = await mkdtemp(path.join(tmpdir(), 'isac-cli-files-'));
    energyKey = await hub.key('energy', ['reporter', 'analyst']);
    healthKey = await hub.key('health', ['analyst']);
    [energy, centre, coordinator] = await Promise.all([hub.user(), hub.user(), hub.user()]);
  });
  afterAll(async () => {
    await hub?.close();
    if (files) await rm(files, { recursive: true, force: true });
  });

  describe("a sector unit's analyst files an incident and reads the inbox", () => {
    it('logs in with the key on stdin: checked against the hub, stored 0600 in a 0700 directory, never printed', async () => {
      const login = await energy.run(['login', '--url', hub.url + '/'], { stdin: energyKey + '\n' });
      expect(login).toMatchObject({ code: 0 });
      expect(login.stdout).toMatch(/^logged in as energy \(sector-unit\) at http:\/\/127\.0\.0\.1:\d+, roles reporter, analyst, key isac_[0-9a-f]{8}\n$/);
      expect(login.stdout + login.stderr).not.toContain(energyKey.split('.')[1]);
      const dir = path.join(energy.configHome, 'isac');
      expect((await stat(dir)).mode & 0o777).toBe(0o700);
      expect((await stat(path.join(dir, 'credentials.json'))).mode & 0o777).toBe(0o600);
      expect(JSON.parse(await readFile(path.join(dir, 'credentials.json'), 'utf8'))).toEqual({ url: hub.url, key: energyKey });
      expect((await energy.run(['whoami', '--json'])).stdout).toContain('"slug": "energy"');
    });

    it('refuses a wrong key at login (exit 1) and stores nothing', async () => {
      const stranger = await hub.user();
      const refused = await stranger.run(['login', '--url', hub.url, '--key', 'isac_00000000.' + 'x'.repeat(43)]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('[AUTH.BAD_CREDENTIALS]');
      await expect(stat(path.join(stranger.configHome, 'isac', 'credentials.json'))).rejects.toThrow(/ENOENT/);
    });

    it('files an incident and gets the case with its next deadline', async () => {
      const file = path.join(files, 'incident.json');
      await writeFile(file, JSON.stringify(incidentBundle({ tlp: 'TLP:GREEN', extra: { name: 'Substation ransomware', x_isac_aware_at: hourAgo(), x_isac_severity: 'high' } })));
      const filed = await energy.run(['incident', 'file', file]);
      expect(filed).toMatchObject({ code: 0, stderr: '' });
      const [first, second] = filed.stdout.split('\n');
      expect(first).toMatch(new RegExp(`^case (${UUID}) opened: Substation ransomware$`));
      // rough edge 5: the reporter's own 72 h notification first, by its name, though the centre's 24 h feedback clock is earlier
      expect(second).toMatch(/TLP:GREEN {2}stage early-warning {2}severity high {2}next deadline Incident notification in 2d 2\dh · then Centre feedback in 2\dh \d+m$/);
      caseId = new RegExp(UUID).exec(first)![0];
    });

    it('streams a bundle above 1 MB and, stderr being no terminal, says so in one plain line', async () => {
      const bundle = incidentBundle({ tlp: 'TLP:GREEN', extra: { name: 'Scanning wave', x_isac_aware_at: hourAgo() } });
      const at = '2026-01-10T08:00:00.000Z';
      for (let i = 0; i < 5000; i++) {
        bundle.objects.push({ type: 'indicator', spec_version: '2.1', id: `indicator--${randomUUID()}`, created: at, modified: at, name: `Scanner ${i}`, pattern: `[ipv4-addr:value = '198.51.100.${i % 250}']`, pattern_type: 'stix', valid_from: at });
      }
      const file = path.join(files, 'large.json');
      await writeFile(file, JSON.stringify(bundle));
      expect((await stat(file)).size).toBeGreaterThan(1024 * 1024);
      const filed = await energy.run(['incident', 'file', file, '--json']);
      expect(filed.code).toBe(0);
      expect(filed.stderr).toMatch(/^uploading large\.json: 1\.\d MB sent in \d+\.\d s, waiting for the hub's answer\n$/);
      const answer = JSON.parse(filed.stdout);
      expect(answer).toMatchObject({ name: 'Scanning wave', stage: 'early-warning' });
      // the address object is the same version as in the first bundle (deterministic SCO id)
      expect(answer.report.stored + answer.report.unchanged).toBe(5006);
    });

    it('lists every problem of a rejected bundle with its JSON pointer on stderr, exit 1, nothing on stdout', async () => {
      const bundle = incidentBundle({ tlp: 'TLP:GREEN' });
      bundle.objects[2] = { ...bundle.objects[2], created: '2026-01-10T08:00:00', pattern: "[ipv4-addr:value = '203.0.113.7'" };
      const file = path.join(files, 'bad.json');
      await writeFile(file, JSON.stringify(bundle));
      const rejected = await energy.run(['incident', 'file', file]);
      expect(rejected).toMatchObject({ code: 1, stdout: '' });
      const lines = rejected.stderr.trim().split('\n');
      expect(lines[0]).toMatch(/^error: .*nothing was stored\. \[INCIDENT\.BUNDLE_REJECTED\]$/);
      expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(/^\/objects\/2\/created: .*\[STIX\.INVALID_TIMESTAMP\]$/), expect.stringMatching(/^\/objects\/2\/pattern: .*position \d+.*\[STIX\.PATTERN_SYNTAX\]$/)]));
      const list = await energy.run(['incident', 'list', '--json']);
      expect(JSON.parse(list.stdout).cases.map((c: { name: string }) => c.name)).toEqual(['Scanning wave', 'Substation ransomware']);
    });

    it('tells a file that is not there or not JSON apart from a rejection (exit 2)', async () => {
      const missing = await energy.run(['incident', 'file', path.join(files, 'nope.json')]);
      expect(missing).toMatchObject({ code: 2 });
      expect(missing.stderr).toContain('no such file');
      await writeFile(path.join(files, 'broken.json'), '{"type": "bundle",');
      expect(await energy.run(['incident', 'file', path.join(files, 'broken.json')])).toMatchObject({ code: 2, stderr: expect.stringContaining('is not JSON') });
      expect(await energy.run(['incident', 'file', path.join(files, 'incident.json'), '--stage', 'later'])).toMatchObject({ code: 2 });
    });

    it('lists and shows the case: TLP label, stage, deadlines counting down, timeline', async () => {
      const list = await energy.run(['incident', 'list', '--stage', 'early-warning']);
      expect(list.code).toBe(0);
      const [header, ...rows] = list.stdout.split('\n');
      const row = rows.find((r) => r.startsWith(caseId));
      expect(header).toMatch(/^CASE\s+TLP\s+STAGE\s+SEVERITY\s+REPORTER\s+OPENED\s+NEXT DEADLINE\s+NAME$/);
      expect(row).toMatch(new RegExp(`^${caseId}\\s+TLP:GREEN\\s+early-warning\\s+high\\s+energy\\s+.*Substation ransomware$`));
      expect(row).toMatch(/\s{2}Incident notification in 2d 2\dh · then Centre feedback in 2\dh \d+m\s{2}/);
      const show = await energy.run(['incident', 'show', caseId]);
      expect(show.code).toBe(0);
      expect(show.stdout).toMatch(/^TLP:GREEN {2}case /);
      expect(show.stdout).toMatch(/\nnext {7}Incident notification in 2d 2\dh · then Centre feedback in 2\dh \d+m\n/);
      expect(show.stdout).toMatch(/Early warning\s+reporter\s+\S+ \S+\s+met /);
      expect(show.stdout).toMatch(/Incident notification\s+reporter\s+\S+ \S+\s+in (2d|1d|\d+h) /);
      expect(show.stdout).toMatch(/Centre feedback\s+centre\s+\S+ \S+\s+in \d+h /);
      expect(show.stdout).toMatch(/timeline\n {2}\S+ \S+ {2}report early-warning, 6 objects/);
      const missing = await energy.run(['incident', 'show', '00000000-0000-4000-8000-000000000000']);
      expect(missing).toMatchObject({ code: 1, stderr: expect.stringContaining('[INCIDENT.NOT_FOUND]') });
    });
  });

  describe('the centre issues an alert to energy and health and watches who acknowledged it', () => {
    it("logs in; an alert from a sector unit's key is refused with the hub's reason", async () => {
      const key = await hub.key('centre', ['analyst']);
      expect(await centre.run(['login', '--url', hub.url, '--key', key])).toMatchObject({ code: 0 });
      const refused = await energy.run(['alert', 'issue', '--title', 'x', '--body', 'y', '--severity', 'high', '--tlp', 'amber', '--all', '--ack-deadline', '1h', '--expires', '1d']);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/^error: .*\[[A-Z_]+\.[A-Z_]+\]/);
      const noAudience = await centre.run(['alert', 'issue', '--title', 'x', '--body', 'y', '--severity', 'high', '--tlp', 'amber', '--ack-deadline', '1h', '--expires', '1d']);
      expect(noAudience).toMatchObject({ code: 2, stderr: expect.stringContaining('--all, --sectors') });
    });

    it("energy's `inbox --watch` prints the alert once as it arrives; Ctrl-C ends it with 0", async () => {
      const watch = energy.start(['inbox', '--watch', '--interval', '0.5']);
      await watch.waitFor(/watching the inbox/);
      await watch.waitFor(/\(nothing waiting: no unread entry, no acknowledgement due\)/);
      await writeFile(path.join(files, 'alert.md'), '## VPN flaw\nPatch **now**: CVE-2026-0001');
      const issued = await centre.run(['alert', 'issue', '--title', 'Actively exploited VPN flaw', '--body-file', path.join(files, 'alert.md'), '--severity', 'critical', '--tlp', 'amber', '--sectors', 'energy,health', '--ack-deadline', '4h', '--expires', '2d', '--json']);
      expect(issued.code).toBe(0);
      const alert = JSON.parse(issued.stdout);
      alertId = alert.id;
      expect(alert).toMatchObject({ kind: 'alert', tlp: 'TLP:AMBER', severity: 'critical', requiresAck: true, body: '## VPN flaw\nPatch **now**: CVE-2026-0001', audience: { sectors: ['energy', 'health'] } });
      expect(new Date(alert.ackDeadline).getTime() - Date.now()).toBeGreaterThan(3.5 * 3600_000);
      await watch.waitFor(/Actively exploited VPN flaw/, 30_000);
      // a few more polls: what was printed is not printed again
      await new Promise((r) => setTimeout(r, 1500));
      watch.child.kill('SIGINT');
      expect(await watch.exited()).toEqual({ code: 0, signal: null });
      const lines = watch.output().split('\n').filter((l) => l.includes('Actively exploited VPN flaw'));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`TLP:AMBER {2}alert critical from centre: Actively exploited VPN flaw {2}\\(entry ${UUID}, ack by `));
    });

    it('energy acknowledges; `alert receipts --watch` of the centre sees it happen', async () => {
      const receipts = centre.start(['alert', 'receipts', alertId, '--watch', '--interval', '0.5']);
      await receipts.waitFor(/ energy delivered\n/);
      await receipts.waitFor(/not acknowledged: .*energy/);
      const inbox = JSON.parse((await energy.run(['inbox', '--json'])).stdout);
      const entry = inbox.entries.find((e: { advisory: { id: string } }) => e.advisory.id === alertId);
      const acked = await energy.run(['ack', entry.id]);
      expect(acked).toMatchObject({ code: 0 });
      expect(acked.stdout).toMatch(new RegExp(`^entry ${entry.id} acknowledged at \\S+ \\(advisory ${alertId}\\)\n$`));
      await receipts.waitFor(/ energy acknowledged\n/, 20_000);
      receipts.child.kill('SIGINT');
      expect(await receipts.exited()).toEqual({ code: 0, signal: null });
      expect(receipts.output()).not.toMatch(/ health acknowledged/);
      const notAuthor = await energy.run(['alert', 'receipts', alertId]);
      expect(notAuthor).toMatchObject({ code: 1, stderr: `error: no receipts: only the author of alert ${alertId} sees them\n` });
    });

    it('`alert receipts` shows energy acknowledged and health not; health reads it through ISAC_URL/ISAC_KEY without a login', async () => {
      const shown = await centre.run(['alert', 'receipts', alertId]);
      expect(shown.code).toBe(0);
      const rows = shown.stdout.split('\n');
      expect(rows[1]).toMatch(/^\d+ delivered, 1 read, 1 acknowledged; not acknowledged: .*health/);
      expect(rows[1]).not.toMatch(/not acknowledged: .*\benergy\b/);
      const row = (org: string) => rows.find((r) => r.startsWith(org + ' '))!.split(/\s{2,}/);
      expect(row('energy')[3]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\dZ$/);
      expect(row('health')[3]).toBe('-');
      const json = JSON.parse((await centre.run(['alert', 'receipts', alertId, '--json'])).stdout);
      const bySlug = Object.fromEntries(json.receipts.map((r: { organisation: { slug: string } }) => [r.organisation.slug, r]));
      expect(bySlug.energy.acknowledgedAt).not.toBeNull();
      expect(bySlug.health).toMatchObject({ acknowledgedAt: null, readAt: null });

      const health = await hub.user();
      const viaEnv = await health.run(['inbox', '--unread'], { env: { ISAC_URL: hub.url, ISAC_KEY: healthKey } });
      expect(viaEnv.code).toBe(0);
      expect(viaEnv.stdout).toMatch(/TLP:AMBER\s+alert\s+critical\s+centre\s+.*unread, ack by .*Actively exploited VPN flaw/);
      expect(await health.run(['inbox'])).toMatchObject({ code: 2, stderr: expect.stringContaining('not logged in') });
    });
  });

  it("an advisory energy publishes reaches health's inbox (watched as JSON lines); health reads it, energy sees the receipt", async () => {
    const health = await hub.user();
    expect(await health.run(['login', '--url', hub.url], { stdin: healthKey })).toMatchObject({ code: 0 });
    const watch = health.start(['inbox', '--watch', '--json', '--interval', '0.5']);
    await watch.waitFor(/Actively exploited VPN flaw/);
    const published = await energy.run(['advisory', 'publish', '--title', 'Backup power checks', '--body', 'Test the **generators**', '--severity', 'medium', '--tlp', 'amber', '--orgs', 'health', '--idempotency-key', 'backup-power-1']);
    expect(published.code).toBe(0);
    const [, advisoryId] = new RegExp(`^advisory (${UUID}) published: TLP:AMBER medium, to organisations health\n$`).exec(published.stdout)!;
    const again = await energy.run(['advisory', 'publish', '--title', 'Backup power checks', '--body', 'Test the **generators**', '--severity', 'medium', '--tlp', 'amber', '--orgs', 'health', '--idempotency-key', 'backup-power-1', '--json']);
    expect(JSON.parse(again.stdout).id).toBe(advisoryId);
    await watch.waitFor(/Backup power checks/, 30_000);
    watch.child.kill('SIGINT');
    expect(await watch.exited()).toEqual({ code: 0, signal: null });
    const entries = watch.output().trim().split('\n').map((l) => JSON.parse(l));
    expect(entries.map((e) => e.advisory.title)).toEqual(['Actively exploited VPN flaw', 'Backup power checks']);
    const listed = await health.run(['advisory', 'list', '--author', 'energy']);
    expect(listed.stdout).toMatch(new RegExp(`^${advisoryId}\\s+TLP:AMBER\\s+advisory\\s+medium\\s+energy\\s+.*Backup power checks$`, 'm'));
    const read = await health.run(['inbox', 'read', entries[1].id]);
    expect(read.code).toBe(0);
    expect(read.stdout).toMatch(/^TLP:AMBER {2}advisory /);
    expect(read.stdout).toContain('  Test the **generators**');
    expect(read.stdout).toMatch(new RegExp(`entry ${entries[1].id} marked read at `));
    const shown = await energy.run(['advisory', 'show', advisoryId]);
    expect(shown.stdout).toMatch(/1 delivered, 1 read, 0 acknowledged; not acknowledged: health/);
  });

  describe('a coordinator prepares a meeting', () => {
    let meetingId: string;

    it('creates the meeting and drafts the agenda from the period: the incident and the alert are on it', async () => {
      const key = await hub.key('centre', ['coordinator', 'analyst']);
      expect(await coordinator.run(['login', '--url', hub.url, '--key', key])).toMatchObject({ code: 0 });
      const created = await coordinator.run(['meeting', 'create', '--title', 'Network meeting Q1', '--starts', '2027-02-03T09:00:00Z', '--ends', '2027-02-03T12:00:00Z', '--location', 'NCSC, room 1', '--participants', 'centre,energy,health', '--series', 'sector-network', '--json']);
      expect(created.code).toBe(0);
      const meeting = JSON.parse(created.stdout);
      meetingId = meeting.id;
      expect(meeting).toMatchObject({ title: 'Network meeting Q1', state: 'draft', tlp: 'TLP:AMBER', participants: ['centre', 'energy', 'health'] });
      const proposed = await energy.run(['meeting', 'propose', meetingId, '--title', 'Winter storm exercise', '--minutes', '15']);
      expect(proposed).toMatchObject({ code: 0, stdout: expect.stringMatching(/^proposal \S+ added: Winter storm exercise/) });
      const draft = await coordinator.run(['meeting', 'draft', meetingId]);
      expect(draft.code).toBe(0);
      // the whole period, then what the draft holds in words (rough edge 10)
      expect(draft.stdout).toMatch(/^period covered {2}the start of the series to \d{4}-\d\d-\d\d \d\d:\d\dZ \(no earlier meeting in the series\)\ncontains {8}\d+ items: \d+ incidents in 1 group, 1 alert, 1 proposal, \d+ standing items, 1 other item\n/);
      expect(draft.stdout).toMatch(/\nagenda TLP:AMBER: \d+ items, \d+ of 180 minutes\n/);
      expect(draft.stdout).toMatch(/09:00-09:\d\d\s+\d+\s+energy\s+Incidents in energy/);
      expect(draft.stdout).toMatch(/centre\s+Alerts issued and their acknowledgement \(1\)/);
      expect(draft.stdout).toMatch(/energy\s+Winter storm exercise\s+proposal:/);
      // the meeting with its drafted agenda
      const shown = await coordinator.run(['meeting', 'show', meetingId]);
      expect(shown.code).toBe(0);
      expect(shown.stdout).toMatch(/Network meeting Q1/);
      expect(shown.stdout).toMatch(/agenda TLP:AMBER: \d+ items, \d+ of 180 minutes\n/);
      expect(shown.stdout).toMatch(/energy\s+Winter storm exercise/);
      const list = await coordinator.run(['meeting', 'list']);
      expect(list.stdout).toMatch(new RegExp(`^${meetingId}\\s+TLP:AMBER\\s+draft\\s+2027-02-03 09:00Z\\s+sector-network\\s+centre,energy,health\\s+Network meeting Q1$`, 'm'));
    });

    it('exports the agenda as Markdown and HTML and the invitation as iCalendar, to files', async () => {
      const out = (name: string) => path.join(files, name);
      for (const format of ['md', 'html', 'ics']) {
        const exported = await coordinator.run(['meeting', 'export', meetingId, '--format', format, '-o', out(`agenda.${format}`)]);
        expect(exported).toMatchObject({ code: 0, stdout: '' });
        expect(exported.stderr).toMatch(/written to .* \(\d+ bytes\)/);
      }
      const md = await readFile(out('agenda.md'), 'utf8');
      expect(md).toMatch(/^\*\*TLP:AMBER\*\*\n\n# Agenda: Network meeting Q1\n/);
      expect(md).toContain('Winter storm exercise');
      const html = await readFile(out('agenda.html'), 'utf8');
      expect(html).toMatch(/<html/i);
      expect(html).toContain('TLP:AMBER');
      expect(html).toContain('Network meeting Q1');
      const event = new ICAL.Component(ICAL.parse(await readFile(out('agenda.ics'), 'utf8'))).getFirstSubcomponent('vevent')!;
      expect(event.getFirstPropertyValue('summary')).toBe('[TLP:AMBER] Network meeting Q1');
      expect(event.getFirstPropertyValue('location')).toBe('NCSC, room 1');
      expect(String(event.getFirstPropertyValue('dtstart'))).toBe('2027-02-03T09:00:00Z');
      const stdout = await coordinator.run(['meeting', 'export', meetingId, '--format', 'md']);
      expect(stdout.stdout).toBe(md);
      // Markdown unless --format says otherwise (rough edge 8)
      expect((await coordinator.run(['meeting', 'export', meetingId])).stdout).toBe(md);
      expect(await coordinator.run(['meeting', 'export', meetingId, '--format', 'pdf'])).toMatchObject({ code: 2 });
    });
  });

  it('says when the hub cannot be reached (exit 3), and logout forgets the key', async () => {
    const port = await freePort();
    const down = await energy.run(['incident', 'list'], { env: { ISAC_URL: `http://127.0.0.1:${port}` } });
    expect(down).toMatchObject({ code: 3, stdout: '' });
    expect(down.stderr).toMatch(/^error: cannot reach the hub at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)\n$/);
    expect(await energy.run(['logout'])).toMatchObject({ code: 0, stdout: expect.stringContaining('logged out') });
    expect(await energy.run(['incident', 'list'])).toMatchObject({ code: 2, stderr: expect.stringContaining('not logged in') });
  });
});
