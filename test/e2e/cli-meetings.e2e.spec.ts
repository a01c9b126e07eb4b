// `isac meeting draft` states the whole period a draft covers and what it holds (issue 17, rough
// edge 10): through the built `isac` against a live hub, for the first meeting of a series and for
// one between two others, whose period ends where the next meeting's begins.
import { startLiveHub, type CliUser, type LiveHub } from '../support/cli-hub.js';

/** The UTC day `n` days from now, YYYY-MM-DD: meetings before and after the time of drafting. */
const days = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

describe('isac meeting draft: the period and a summary', () => {
  let hub: LiveHub;
  let coordinator: CliUser;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    hub = await startLiveHub();
    coordinator = await hub.user();
    const key = await hub.key('centre', ['coordinator', 'analyst']);
    expect(await coordinator.run(['login', '--url', hub.url, '--key', key])).toMatchObject({ code: 0 });
    for (const [name, day] of [['q1', days(-90)], ['q2', days(-30)], ['q3', days(60)]]) {
      const made = await coordinator.run(['meeting', 'create', '--title', `Network meeting ${name}`, '--starts', `${day}T09:00:00Z`, '--ends', `${day}T12:00:00Z`, '--participants', 'centre,energy,health', '--series', 'cli-period', '--json']);
      expect(made.code).toBe(0);
      ids[name] = JSON.parse(made.stdout).id;
    }
  });
  afterAll(() => hub?.close());

  it("the series' first meeting: from the start of the series to its own start (later meetings of the series exist)", async () => {
    const draft = await coordinator.run(['meeting', 'draft', ids.q1]);
    expect(draft).toMatchObject({ code: 0, stderr: '' });
    const [period, contains] = draft.stdout.split('\n');
    expect(period).toBe(`period covered  the start of the series to ${days(-90)} 09:00Z (no earlier meeting in the series)`);
    expect(contains).toMatch(/^contains {8}\d+ items: \d+ standing items, 1 other item$/);
  });

  it('the last meeting of the series: from the previous one to the time of drafting', async () => {
    const before = new Date();
    const draft = await coordinator.run(['meeting', 'draft', ids.q3]);
    expect(draft.code).toBe(0);
    const period = draft.stdout.split('\n')[0];
    const end = /to (\d{4}-\d\d-\d\d \d\d:\d\d)Z/.exec(period)![1];
    expect(period).toBe(`period covered  ${days(-30)} 09:00Z to ${end}Z, since the previous meeting of the series (${ids.q2})`);
    expect(Math.abs(new Date(`${end.replace(' ', 'T')}:00Z`).getTime() - before.getTime())).toBeLessThan(2 * 60_000);
  });

  it('a meeting between two others: from the previous one to its own start, both ends printed, the previous meeting named', async () => {
    const draft = await coordinator.run(['meeting', 'draft', ids.q2]);
    expect(draft).toMatchObject({ code: 0, stderr: '' });
    expect(draft.stdout.split('\n')[0]).toBe(`period covered  ${days(-90)} 09:00Z to ${days(-30)} 09:00Z, since the previous meeting of the series (${ids.q1})`);
    expect(draft.stdout).toMatch(/\nagenda TLP:AMBER: \d+ items, \d+ of 180 minutes\n/);
    // --json keeps the hub's answer, period included
    const json = JSON.parse((await coordinator.run(['meeting', 'draft', ids.q2, '--json'])).stdout);
    expect(json.period).toEqual({ from: `${days(-90)}T09:00:00.000Z`, to: `${days(-30)}T09:00:00.000Z`, since: `${days(-90)}T09:00:00.000Z`, previousMeetingId: ids.q1 });
  });

  it('takes a meeting id by an unambiguous prefix, among the meetings the caller takes part in only', async () => {
    const shown = await coordinator.run(['meeting', 'show', ids.q2.slice(0, 13), '--json']);
    expect(shown).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(shown.stdout).id).toBe(ids.q2);
    // an organisation that takes no part finds no meeting by that prefix, exactly as for an unknown one
    const outsider = await hub.user();
    expect(await outsider.run(['login', '--url', hub.url, '--key', await hub.key('finance', ['analyst'])])).toMatchObject({ code: 0 });
    const refused = await outsider.run(['meeting', 'show', ids.q2.slice(0, 13)]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(`no meeting you may read starts with ${ids.q2.slice(0, 13)}`);
    const unknown = await coordinator.run(['meeting', 'show', 'ffffffff-ffff']);
    expect(unknown.stderr).toContain('no meeting you may read starts with ffffffff-ffff');
  });
});
