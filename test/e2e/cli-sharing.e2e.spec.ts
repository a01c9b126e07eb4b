// The built `isac` against the built API and worker, for what the journeys leave out: a stored
// login gone bad, receipts asked for by someone who is not the author, forwarding refused by the
// TLP rule, STIX objects attached with --stix, and publishing a meeting's agenda.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { indicator } from '../factories/taxii.js';
import { startLiveHub, type CliResult, type CliUser, type LiveHub } from '../support/cli-hub.js';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const AGAIN = 'run `isac login` again (or set ISAC_URL and ISAC_KEY)';

interface InboxEntry {
  id: string;
  advisory: { id: string; title: string; tlp: string };
}

describe('isac against a live hub: refusals, forwarding, attachments, publishing', () => {
  let hub: LiveHub;
  let files: string;
  let centre: CliUser;
  let energy: CliUser;
  let litware: CliUser;
  let shipping: CliUser;

  const loggedIn = async (org: string, roles: string[]) => {
    const user = await hub.user();
    const login = await user.run(['login', '--url', hub.url, '--key', await hub.key(org, roles)]);
    if (login.code !== 0) throw new Error(`login of ${org} failed: ${login.stderr}`);
    return user;
  };
  const idOf = (result: CliResult) => (JSON.parse(result.stdout) as { id: string }).id;

  /** Polls the inbox until the advisory is delivered (routing runs in the worker). */
  async function delivered(user: CliUser, advisoryId: string): Promise<InboxEntry> {
    const until = Date.now() + 30_000;
    for (;;) {
      const inbox = JSON.parse((await user.run(['inbox', '--json'])).stdout) as { entries: InboxEntry[] };
      const entry = inbox.entries.find((e) => e.advisory.id === advisoryId);
      if (entry) return entry;
      if (Date.now() > until) throw new Error(`advisory ${advisoryId} never reached the inbox`);
      await new Promise((r) => setTimeout(r, 300));
    }
  }

  const publish = (user: CliUser, tlp: string, orgs: string, extra: string[] = []) =>
    user.run(['advisory', 'publish', '--title', `Shared ${tlp}`, '--body', 'Look at this', '--severity', 'high', '--tlp', tlp, '--orgs', orgs, '--json', ...extra]);

  beforeAll(async () => {
    hub = await startLiveHub();
    files = await mkdtemp(path.join(tmpdir(), 'isac-cli-sharing-'));
    [centre, energy, litware, shipping] = await Promise.all([
      loggedIn('centre', ['analyst', 'coordinator']),
      loggedIn('energy', ['analyst']),
      loggedIn('litware', ['analyst']),
      loggedIn('shipping', ['analyst']),
    ]);
  });
  afterAll(async () => {
    await hub?.close();
    if (files) await rm(files, { recursive: true, force: true });
  });

  describe('a stored login gone bad', () => {
    it.each([
      ['not JSON', '{"url": "http://127.0.0.1:1",', 'is not JSON'],
      ['JSON of the wrong shape', '["http://127.0.0.1:1"]', 'holds an array, not an object with "url" and "key"'],
      ['a key that is no string', '{"url": "http://127.0.0.1:1", "key": null}', '"key" is null, not a string'],
    ])('a credentials file that is %s: one line naming it and what is wrong, exit 2, nothing on stdout', async (_, text, reason) => {
      const user = await hub.user();
      const file = path.join(user.configHome, 'isac', 'credentials.json');
      await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
      await writeFile(file, text, { mode: 0o600 });
      for (const args of [['inbox'], ['alert', 'receipts', '00000000-0000-4000-8000-000000000000', '--json']]) {
        expect(await user.run(args)).toEqual({ code: 2, stdout: '', stderr: `error: ${file} ${reason}; ${AGAIN}\n` });
      }
      // with both ISAC_URL and ISAC_KEY the stored login is not needed, so not read
      const viaEnv = await user.run(['whoami'], { env: { ISAC_URL: hub.url, ISAC_KEY: await hub.key('health', ['analyst']) } });
      expect(viaEnv).toMatchObject({ code: 0, stderr: '', stdout: expect.stringMatching(/^health \(sector-unit\) at /) });
      // a new login replaces it
      expect(await user.run(['login', '--url', hub.url, '--key', await hub.key('health', ['analyst'])])).toMatchObject({ code: 0 });
      expect(await user.run(['inbox'])).toMatchObject({ code: 0 });
    });
  });

  describe('receipts are for the author alone', () => {
    let alertId: string;

    beforeAll(async () => {
      const issued = await centre.run(['alert', 'issue', '--title', 'Grid controller flaw', '--body', 'Patch it', '--severity', 'high', '--tlp', 'amber', '--sectors', 'energy', '--ack-deadline', '4h', '--expires', '2d', '--json']);
      expect(issued.code).toBe(0);
      alertId = idOf(issued);
    });

    it('a recipient that is not the author asking with --json: exit 1, the reason on stderr, nothing on stdout', async () => {
      const line = `error: no receipts: only the author of alert ${alertId} sees them\n`;
      expect(await energy.run(['alert', 'receipts', alertId, '--json'])).toEqual({ code: 1, stdout: '', stderr: line });
      expect(await energy.run(['alert', 'receipts', alertId])).toEqual({ code: 1, stdout: '', stderr: line });
    });

    it("an organisation that may not read the alert gets the hub's answer for a missing one, with or without --json", async () => {
      for (const args of [['alert', 'receipts', alertId, '--json'], ['alert', 'receipts', alertId]]) {
        const refused = await shipping.run(args);
        expect(refused).toMatchObject({ code: 1, stdout: '' });
        expect(refused.stderr).toBe(`error: No advisory ${alertId}. [ADVISORY.NOT_FOUND]\n`);
      }
    });

    it('the author gets them as JSON', async () => {
      const answer = await centre.run(['alert', 'receipts', alertId, '--json']);
      expect(answer).toMatchObject({ code: 0, stderr: '' });
      expect(JSON.parse(answer.stdout)).toMatchObject({ id: alertId, kind: 'alert', receipts: expect.any(Array) });
    });
  });

  describe('forwarding within the TLP rule', () => {
    it.each([
      ['amber+strict', 'TLP:AMBER+STRICT stays within the recipient organisation'],
      ['red', 'TLP:RED is for the named recipients only'],
    ])('%s is never forwarded: exit 1, the rule and the pointer of the refused organisation on stderr', async (tlp, rule) => {
      const published = await publish(centre, tlp, 'energy');
      expect(published.code).toBe(0);
      const id = idOf(published);
      await delivered(energy, id);
      for (const json of [[], ['--json']]) {
        const refused = await energy.run(['advisory', 'forward', id, '--orgs', 'litware', ...json]);
        expect(refused).toMatchObject({ code: 1, stdout: '' });
        const lines = refused.stderr.trimEnd().split('\n');
        expect(lines).toHaveLength(2);
        expect(lines[0]).toMatch(new RegExp(`^error: ${rule.replace(/[+]/g, '\\+')}.* \\[ADVISORY\\.TLP_VIOLATION\\]$`));
        expect(lines[1]).toMatch(new RegExp(`^/organisations/0: ${rule.replace(/[+]/g, '\\+')}.* \\[TLP\\.NEVER_FORWARDED\\]$`));
      }
    });

    it("amber goes to the forwarder's own member, and reaches its inbox; to another sector's unit it is refused", async () => {
      const published = await publish(centre, 'amber', 'energy');
      const id = idOf(published);
      await delivered(energy, id);
      expect(await energy.run(['advisory', 'forward', id, '--orgs', 'litware'])).toEqual({ code: 0, stderr: '', stdout: `advisory ${id} forwarded to litware\n` });
      expect((await delivered(litware, id)).advisory).toMatchObject({ id, tlp: 'TLP:AMBER' });
      const outside = await energy.run(['advisory', 'forward', id, '--orgs', 'shipping']);
      expect(outside).toMatchObject({ code: 1, stdout: '' });
      expect(outside.stderr).toMatch(/^\/organisations\/0: .*\[TLP\.FORWARD_OUTSIDE_MEMBERS\]$/m);
    });
  });

  describe('advisory publish --stix', () => {
    it('attaches the objects of a bundle file; the recipient reads them with the advisory', async () => {
      const objects = [indicator('TLP:AMBER'), indicator('TLP:AMBER')];
      const file = path.join(files, 'objects.json');
      await writeFile(file, JSON.stringify({ type: 'bundle', id: 'bundle--6f1f3a0e-8a7b-4c2e-9d55-2b0c7d1e9a10', objects }));
      const published = await publish(energy, 'amber', 'litware', ['--stix', file]);
      expect(published).toMatchObject({ code: 0, stderr: '' });
      const id = idOf(published);
      expect(JSON.parse(published.stdout).stix).toEqual(objects);
      await delivered(litware, id);
      const shown = JSON.parse((await litware.run(['advisory', 'show', id, '--json'])).stdout);
      expect(shown.stix.map((o: { id: string }) => o.id)).toEqual(objects.map((o) => o.id));
    });

    it('a bare array is taken too; invalid objects are refused by the hub with their pointers (exit 1)', async () => {
      const file = path.join(files, 'array.json');
      await writeFile(file, JSON.stringify([indicator(null)]));
      const published = await publish(energy, 'green', 'litware', ['--stix', file]);
      expect(published.code).toBe(0);
      expect(JSON.parse(published.stdout).stix).toHaveLength(1);
      await writeFile(file, JSON.stringify([{ ...indicator(null), pattern: "[ipv4-addr:value = '203.0.113.7'" }]));
      const refused = await publish(energy, 'green', 'litware', ['--stix', file]);
      expect(refused).toMatchObject({ code: 1, stdout: '' });
      expect(refused.stderr).toMatch(/^error: .*\[ADVISORY\.INVALID\]\n\/stix\/0\/pattern: .*\[STIX\.PATTERN_SYNTAX\]\n$/);
    });

    it('a file that is missing, not JSON or holds no objects is a usage error (exit 2) and nothing is sent', async () => {
      const broken = path.join(files, 'broken.json');
      await writeFile(broken, '{"type": "bundle",');
      const notObjects = path.join(files, 'not-objects.json');
      await writeFile(notObjects, '{"type": "bundle"}');
      const cases: [string, RegExp][] = [
        [path.join(files, 'missing.json'), /^error: cannot read the STIX file .*missing\.json: no such file\n$/],
        [broken, /^error: .*broken\.json is not JSON: /],
        [notObjects, /^error: .*not-objects\.json holds neither a STIX bundle nor an array of objects\n$/],
      ];
      for (const [file, message] of cases) {
        const result = await publish(energy, 'green', 'litware', ['--stix', file]);
        expect(result).toMatchObject({ code: 2, stdout: '' });
        expect(result.stderr).toMatch(message);
      }
    });
  });

  describe('meeting publish', () => {
    it('sends the drafted agenda to the participants as an advisory under its TLP, once', async () => {
      const created = await centre.run(['meeting', 'create', '--title', 'Energy round table', '--starts', '2027-03-01T09:00:00Z', '--ends', '2027-03-01T10:00:00Z', '--participants', 'centre,energy', '--series', 'energy-round', '--json']);
      expect(created.code).toBe(0);
      const meetingId = idOf(created);
      const early = await centre.run(['meeting', 'publish', meetingId]);
      expect(early).toMatchObject({ code: 1, stdout: '', stderr: expect.stringMatching(/^error: .*\[AGENDA\.NOT_FOUND\]\n$/) });
      expect(await centre.run(['meeting', 'draft', meetingId])).toMatchObject({ code: 0 });
      const notCoordinator = await energy.run(['meeting', 'publish', meetingId]);
      expect(notCoordinator).toMatchObject({ code: 1, stdout: '' });
      expect(notCoordinator.stderr).toMatch(/^error: .*\[[A-Z_]+\.[A-Z_]+\]\n$/);

      const published = await centre.run(['meeting', 'publish', meetingId]);
      expect(published).toMatchObject({ code: 0, stderr: '' });
      const [, advisoryId] = new RegExp(`^meeting ${meetingId} published \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\dZ: agenda TLP:AMBER sent as advisory (${UUID})\n$`).exec(published.stdout) ?? [];
      expect(advisoryId).toBeDefined();
      const entry = await delivered(energy, advisoryId);
      expect(entry.advisory).toMatchObject({ title: 'Agenda: Energy round table', tlp: 'TLP:AMBER' });
      const shown = JSON.parse((await centre.run(['meeting', 'show', meetingId, '--json'])).stdout);
      expect(shown).toMatchObject({ state: 'published' });

      const again = await centre.run(['meeting', 'publish', meetingId, '--json']);
      expect(again).toMatchObject({ code: 1, stdout: '', stderr: expect.stringMatching(/^error: The meeting is published; .*\[MEETING\.CONFLICT\]\n$/) });
    });

    it("--json prints the hub's answer, the agenda's TLP being the one it was drafted with", async () => {
      const created = await centre.run(['meeting', 'create', '--title', 'Short sync', '--starts', '2027-03-02T09:00:00Z', '--ends', '2027-03-02T09:30:00Z', '--participants', 'centre,energy', '--series', 'short-sync', '--tlp', 'green', '--json']);
      const meetingId = idOf(created);
      const draft = await centre.run(['meeting', 'draft', meetingId, '--json']);
      expect(draft.code).toBe(0);
      const { tlp } = (JSON.parse(draft.stdout) as { agenda: { tlp: string } }).agenda;
      const published = await centre.run(['meeting', 'publish', meetingId, '--json']);
      expect(published).toMatchObject({ code: 0, stderr: '' });
      expect(JSON.parse(published.stdout)).toEqual({ meetingId, state: 'published', advisoryId: expect.stringMatching(new RegExp(`^${UUID}$`)), tlp, publishedAt: expect.any(String), version: 1 });
    });
  });
});
