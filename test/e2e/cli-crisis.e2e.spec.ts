// `isac crisis` against a live hub (issue 19): the centre declares and follows a major incident from
// the command line, a unit sets its sector's state, ids are taken by prefix, and a sector not
// concerned learns nothing of a RED room.
import { incidentBundle } from '../factories/stix-bundles.js';
import { startLiveHub, type CliUser, type LiveHub } from '../support/cli-hub.js';

describe('isac crisis against a live hub', () => {
  let hub: LiveHub;
  const users = {} as Record<'centre' | 'energy' | 'finance', CliUser>;
  let roomId: string;

  beforeAll(async () => {
    hub = await startLiveHub();
    for (const org of ['centre', 'energy', 'finance'] as const) {
      const user = await hub.user();
      const login = await user.run(['login', '--url', hub.url, '--key', await hub.key(org, ['analyst'])]);
      if (login.code !== 0) throw new Error(`login of ${org} failed: ${login.stderr}`);
      users[org] = user;
    }
  });
  afterAll(() => hub?.close());

  it('declare: the room and its id; a bad sector is refused with its pointer (exit 1); a unit may not declare', async () => {
    const bad = await users.centre.run(['crisis', 'declare', '--title', 'x', '--tlp', 'red', '--sectors', 'energy,space']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('MAJOR_INCIDENT.INVALID');
    expect(bad.stderr).toContain('/sectors/1');
    const unit = await users.energy.run(['crisis', 'declare', '--title', 'x', '--tlp', 'red', '--sectors', 'energy']);
    expect(unit.code).toBe(1);
    expect(unit.stderr).toContain('MAJOR_INCIDENT.NOT_CENTRE');
    const res = await users.centre.run(['crisis', 'declare', '--title', 'Carrier outage', '--tlp', 'red', '--sectors', 'energy,telecom', '--sitrep-every', '240', '--json']);
    expect(res.code).toBe(0);
    const room = JSON.parse(res.stdout);
    expect(room).toMatchObject({ title: 'Carrier outage', tlp: 'TLP:RED', sectors: ['energy', 'telecom'], sitrepCadence: { everyMinutes: 240 } });
    roomId = room.id;
  });

  it('status --set by a concerned unit, by a prefix of the id; status shows the board', async () => {
    const set = await users.energy.run(['crisis', 'status', roomId.slice(0, 8), '--set', 'degraded', '--note', 'substations on manual']);
    expect(set.code).toBe(0);
    expect(set.stdout).toContain(`status set to degraded in ${roomId}`);
    const board = await users.centre.run(['crisis', 'status', roomId.slice(0, 8)]);
    expect(board.code).toBe(0);
    expect(board.stdout).toContain(`major incident ${roomId}: Carrier outage`);
    expect(board.stdout).toMatch(/^energy\s+degraded\s+.+substations on manual$/m);
    expect(board.stdout).toMatch(/^telecom\s+not-reported\s+-/m);
    expect(board.stdout).toContain('sitreps every 240 min');
    // the centre sets no sector's state
    const centre = await users.centre.run(['crisis', 'status', roomId, '--set', 'affected']);
    expect(centre.code).toBe(1);
    expect(centre.stderr).toContain('MAJOR_INCIDENT.FORBIDDEN');
  });

  it('sitrep and task: lines added; a weaker sitrep marking is refused', async () => {
    const weak = await users.centre.run(['crisis', 'sitrep', roomId, '--body', 'x', '--tlp', 'amber']);
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('MAJOR_INCIDENT.SITREP_TLP_WEAKER');
    const sitrep = await users.centre.run(['crisis', 'sitrep', roomId.slice(0, 6), '--body-file', '-', '--tlp', 'red'], { stdin: 'Carrier core restored in the north.' });
    expect(sitrep.code).toBe(0);
    expect(sitrep.stdout).toMatch(new RegExp(`^sitrep [0-9a-f-]{36} added to ${roomId}`));
    const task = await users.centre.run(['crisis', 'task', roomId, '--title', 'Collect HMI logs', '--owner', 'energy', '--due', '2031-01-01T12:00:00Z', '--json']);
    expect(task.code).toBe(0);
    expect(JSON.parse(task.stdout)).toMatchObject({ kind: 'task' });
    const board = await users.energy.run(['crisis', 'status', roomId]);
    expect(board.stdout).toMatch(/^Collect HMI logs\s+energy\s+/m);
  });

  it('a sector not concerned: the RED room is not listed and its id names nothing, as a missing one', async () => {
    const list = await users.finance.run(['crisis', 'list']);
    expect(list.code).toBe(0);
    expect(list.stdout).not.toContain('Carrier outage');
    const byPrefix = await users.finance.run(['crisis', 'status', roomId.slice(0, 8)]);
    expect(byPrefix.code).toBe(1);
    expect(byPrefix.stderr).toContain(`no major incident you may read starts with ${roomId.slice(0, 8)}`);
    const byId = await users.finance.run(['crisis', 'status', roomId]);
    expect(byId.code).toBe(1);
    expect(byId.stderr).toContain('MAJOR_INCIDENT.NOT_FOUND');
    expect(byId.stdout + byId.stderr).not.toContain('Carrier outage');
  });

  it('declare --cases escalates real cases, by prefix; attach adds another sector\'s; status lists those the caller may read', async () => {
    const file = async (org: string, tlp?: 'TLP:GREEN') => {
      const res = await fetch(`${hub.url}/api/v1/incidents`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${await hub.key(org, ['reporter'])}`, 'Content-Type': 'application/stix+json;version=2.1' },
        body: JSON.stringify(incidentBundle(tlp ? { tlp } : {})),
      });
      expect(res.status).toBe(201);
      return ((await res.json()) as { id: string }).id;
    };
    // an energy member's unmarked case (AMBER+STRICT: the centre and energy), and finance's own GREEN one
    const litware = await file('litware');
    const finance = await file('finance', 'TLP:GREEN');
    const declare = ['crisis', 'declare', '--title', 'Grid wiper', '--tlp', 'amber', '--sectors', 'energy'];
    const declared = await users.centre.run([...declare, '--cases', litware.slice(0, 8), '--json']);
    expect(declared.code).toBe(0);
    const room = JSON.parse(declared.stdout);
    expect(room.linkedCases.map((c: { id: string }) => c.id)).toEqual([litware]);
    // a unit may not attach; the centre attaches finance's case by prefix
    const unit = await users.energy.run(['crisis', 'attach', room.id, '--cases', finance]);
    expect(unit.code).toBe(1);
    expect(unit.stderr).toContain('MAJOR_INCIDENT.NOT_CENTRE');
    const attached = await users.centre.run(['crisis', 'attach', room.id.slice(0, 8), '--cases', finance.slice(0, 8)]);
    expect(attached.code).toBe(0);
    expect(attached.stdout).toContain(`2 linked cases in ${room.id}`);
    const board = await users.energy.run(['crisis', 'status', room.id]);
    expect(board.stdout).toContain('linked cases:');
    expect(board.stdout).toContain(litware.slice(0, 8));
    expect(board.stdout).toContain(finance.slice(0, 8));
    // finance reads its own GREEN case, not the AMBER room of energy
    expect((await users.finance.run(['crisis', 'status', room.id])).stderr).toContain('MAJOR_INCIDENT.NOT_FOUND');
  });

  it('stand-down: closed; the room takes nothing more', async () => {
    const res = await users.centre.run(['crisis', 'stand-down', roomId.slice(0, 8), '--note', 'Service restored']);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain(`stood down ${roomId}`);
    expect(res.stderr).toContain('no draft meeting scheduled');
    const late = await users.energy.run(['crisis', 'status', roomId, '--set', 'recovered']);
    expect(late.code).toBe(1);
    expect(late.stderr).toContain('MAJOR_INCIDENT.CLOSED');
    const list = await users.centre.run(['crisis', 'list']);
    expect(list.stdout).toMatch(new RegExp(`^${roomId.slice(0, 8)}\\s+TLP:RED\\s+stood-down`, 'm'));
  });
});
