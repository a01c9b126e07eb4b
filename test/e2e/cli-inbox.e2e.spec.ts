// The inbox through the built `isac` against a live hub: `ack` says what the hub did (an advisory
// that asks for no acknowledgement is only marked read), `inbox --watch` starts with what is still
// waiting (no replay of what was read or acknowledged) and then prints what the event stream
// announces, and entries and advisories are named by an unambiguous prefix of their id.
import { startLiveHub, type CliResult, type CliUser, type LiveHub } from '../support/cli-hub.js';

interface InboxEntry {
  id: string;
  advisory: { id: string; title: string };
  readAt: string | null;
  acknowledgedAt: string | null;
}

describe('isac inbox: truthful ack, --watch without replay, id prefixes', () => {
  let hub: LiveHub;
  let centre: CliUser;
  let coho: CliUser;
  let wideworld: CliUser;

  const loggedIn = async (org: string, roles: string[]) => {
    const user = await hub.user();
    const login = await user.run(['login', '--url', hub.url, '--key', await hub.key(org, roles)]);
    if (login.code !== 0) throw new Error(`login of ${org} failed: ${login.stderr}`);
    return user;
  };
  const idOf = (result: CliResult) => {
    if (result.code !== 0) throw new Error(`isac failed: ${result.stderr}`);
    return (JSON.parse(result.stdout) as { id: string }).id;
  };
  const alert = (title: string) => centre.run(['alert', 'issue', '--title', title, '--body', 'Patch.', '--severity', 'high', '--tlp', 'green', '--orgs', 'coho', '--json']).then(idOf);
  const advisory = (title: string) => wideworld.run(['advisory', 'publish', '--title', title, '--body', 'FYI.', '--severity', 'low', '--tlp', 'green', '--orgs', 'coho', '--json']).then(idOf);

  async function delivered(advisoryId: string): Promise<InboxEntry> {
    const until = Date.now() + 30_000;
    for (;;) {
      const inbox = JSON.parse((await coho.run(['inbox', '--json'])).stdout) as { entries: InboxEntry[] };
      const entry = inbox.entries.find((e) => e.advisory.id === advisoryId);
      if (entry) return entry;
      if (Date.now() > until) throw new Error(`${advisoryId} never reached the inbox of coho`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  beforeAll(async () => {
    hub = await startLiveHub();
    [centre, coho, wideworld] = await Promise.all([loggedIn('centre', ['analyst']), loggedIn('coho', ['analyst']), loggedIn('wideworld', ['analyst'])]);
  });
  afterAll(() => hub?.close());

  it('`ack` of an advisory that asks for no acknowledgement says it was only marked read, and the author sees no acknowledgement', async () => {
    const plain = await advisory('Port crane firmware notes');
    await delivered(plain);
    const acked = await coho.run(['ack', plain]);
    expect(acked).toMatchObject({ code: 0, stderr: '' });
    expect(acked.stdout).toMatch(new RegExp(`^entry ${plain} marked read at \\S+; not acknowledged: this advisory does not ask for acknowledgement\n$`));
    expect(JSON.parse((await coho.run(['ack', plain, '--json'])).stdout)).toMatchObject({ requiresAck: false, readAt: expect.any(String), acknowledgedAt: null });
    const shown = await wideworld.run(['advisory', 'show', plain]);
    expect(shown.stdout).toMatch(/1 delivered, 1 read, 0 acknowledged; not acknowledged: coho/);

    // an alert asks for acknowledgement within 4 hours unless --ack-deadline says otherwise, as the console proposes
    const issued = JSON.parse((await centre.run(['alert', 'issue', '--title', 'Crane PLC exploit', '--body', 'Patch.', '--severity', 'high', '--tlp', 'green', '--orgs', 'coho', '--json'])).stdout);
    expect(issued.requiresAck).toBe(true);
    expect((Date.parse(issued.ackDeadline) - Date.now()) / 3_600_000).toBeGreaterThan(3.95);
    expect((Date.parse(issued.ackDeadline) - Date.now()) / 3_600_000).toBeLessThan(4.01);
    const asked: string = issued.id;
    await delivered(asked);
    const ack = await coho.run(['ack', asked]);
    expect(ack.stdout).toMatch(new RegExp(`^entry ${asked} acknowledged at \\S+ \\(advisory ${asked}\\)\n$`));
  });

  it('`inbox --watch` prints what is waiting, not what was read or acknowledged, then new entries as they are announced', async () => {
    const acknowledged = await alert('Watch: alert acknowledged');
    const readOnly = await advisory('Watch: advisory read');
    const awaitingAck = await alert('Watch: alert read, not acknowledged');
    const unread = await advisory('Watch: advisory unread');
    for (const id of [acknowledged, readOnly, awaitingAck, unread]) await delivered(id);
    expect((await coho.run(['ack', acknowledged])).code).toBe(0);
    expect((await coho.run(['inbox', 'read', readOnly])).code).toBe(0);
    expect((await coho.run(['inbox', 'read', awaitingAck])).code).toBe(0);

    const watch = coho.start(['inbox', '--watch', '--interval', '0.5']);
    await watch.waitFor(/Watch: advisory unread/, 20_000);
    await watch.waitFor(/Watch: alert read, not acknowledged/);
    const later = await advisory('Watch: arrives while watching');
    await watch.waitFor(/Watch: arrives while watching/, 30_000);
    // a change to an entry (read elsewhere) is no news: nothing is printed again
    expect((await coho.run(['inbox', 'read', later])).code).toBe(0);
    await new Promise((r) => setTimeout(r, 1500));
    watch.child.kill('SIGINT');
    expect(await watch.exited()).toEqual({ code: 0, signal: null });
    const out = watch.output();
    expect(out).not.toContain('Watch: alert acknowledged');
    expect(out).not.toContain('Watch: advisory read\n');
    expect(out).not.toContain('Crane PLC exploit'); // acknowledged in the test before
    expect(out).not.toContain('Port crane firmware notes'); // read in the test before
    for (const title of ['Watch: advisory unread', 'Watch: alert read, not acknowledged', 'Watch: arrives while watching']) {
      expect(out.split('\n').filter((l) => l.includes(title))).toHaveLength(1);
    }
    // what was waiting comes first, oldest first; the new entry after it
    expect(out.indexOf('Watch: alert read, not acknowledged')).toBeLessThan(out.indexOf('Watch: advisory unread'));
    expect(out.indexOf('Watch: advisory unread')).toBeLessThan(out.indexOf('Watch: arrives while watching'));
    // `inbox --pending` lists the same waiting entries
    const pending = JSON.parse((await coho.run(['inbox', '--pending', '--json'])).stdout) as { entries: InboxEntry[] };
    expect(pending.entries.map((e) => e.advisory.title)).toEqual(expect.arrayContaining(['Watch: advisory unread', 'Watch: alert read, not acknowledged']));
    expect(pending.entries.map((e) => e.advisory.title)).not.toContain('Watch: advisory read');
  });

  it('names an inbox entry, an advisory and an alert by an unambiguous prefix of its id; a prefix matching none is refused', async () => {
    const id = await alert('Prefix: ballast pump controllers');
    await delivered(id);
    const prefix = id.slice(0, 13);
    const read = await coho.run(['inbox', 'read', prefix]);
    expect(read).toMatchObject({ code: 0 });
    expect(read.stdout).toContain(`entry ${id} marked read at `);
    expect((await coho.run(['ack', prefix])).stdout).toMatch(new RegExp(`^entry ${id} acknowledged at `));
    expect((await coho.run(['advisory', 'show', prefix])).stdout).toContain('title      Prefix: ballast pump controllers');
    expect((await centre.run(['alert', 'receipts', prefix])).stdout).toMatch(/1 delivered, 1 read, 1 acknowledged/);
    // an id prefix no entry of the caller starts with: refused as not found, exit 1; not an id: exit 2
    const none = await wideworld.run(['ack', prefix]);
    expect(none).toMatchObject({ code: 1, stderr: `error: no inbox entry you may read starts with ${prefix}\n` });
    expect(await coho.run(['ack', 'not-an-id'])).toMatchObject({ code: 2, stderr: expect.stringContaining('"not-an-id" is not an inbox entry id') });
  });
});
