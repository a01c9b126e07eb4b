import { bearer } from '../factories/bearer.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';

// Issue 18: the drafted agenda's "Critical digital infrastructure overview: <sector>" lists what
// changed in that sector's registers since the last meeting, within the agenda's TLP rule.
type Item = { id: string; kind: string; notes: string[]; sources: { kind: string; id: string }[] };
const entry = (name: string, more: Record<string, unknown> = {}) => ({ name, kind: 'ot', criticality: 'high', dependsOn: ['fabrikam'], ...more });

describe('the agenda lists register changes', () => {
  let hub: ApiHarness;
  const keys: Record<string, string> = {};

  beforeAll(async () => {
    hub = await startApi();
    keys.coordinator = await hub.key('centre', ['coordinator']);
    for (const org of ['litware', 'lamna-hospital', 'proseware']) keys[org] = await hub.key(org, ['analyst']);
    const add = async (org: string, body: Record<string, unknown>) => (await hub.http.post('/api/v1/infrastructure').set(bearer(keys[org])).send(body).expect(201)).body.id as string;
    const grid = await add('litware', entry('Grid control remote access', { tlp: 'TLP:GREEN' }));
    await hub.http.put(`/api/v1/infrastructure/${grid}`).set(bearer(keys.litware)).send(entry('Grid control remote access', { tlp: 'TLP:GREEN', criticality: 'critical' })).expect(200);
    // AMBER+STRICT (the default): the centre and energy may read it, health (a participant) may not
    await add('litware', entry('Substation telemetry'));
    const records = await add('lamna-hospital', entry('Patient records', { kind: 'system', tlp: 'TLP:GREEN' }));
    await hub.http.delete(`/api/v1/infrastructure/${records}`).set(bearer(keys['lamna-hospital'])).expect(200);
    // finance does not take part: its register has no item
    await add('proseware', entry('Clearing engine', { kind: 'service', tlp: 'TLP:GREEN' }));
  });
  afterAll(() => hub.close());

  it('each participating sector presents its changes; a change a participant may not read is left out', async () => {
    const meeting = await hub.http
      .post('/api/v1/meetings')
      .set(bearer(keys.coordinator))
      .send({ title: 'Network meeting', startsAt: '2027-02-03T09:00:00.000Z', endsAt: '2027-02-03T12:00:00.000Z', participants: ['centre', 'energy', 'health'], series: 'sector-network' })
      .expect(201);
    const { agenda } = (await hub.http.post(`/api/v1/meetings/${meeting.body.id}/agenda/draft`).set(bearer(keys.coordinator)).expect(200)).body;
    const item = (sector: string) => agenda.items.find((i: Item) => i.id === `standing:infrastructure-overview:${sector}`) as Item;
    expect(item('energy').notes).toEqual(['added: Grid control remote access (ot, critical) — litware']);
    expect(item('energy').sources.map((s) => s.kind)).toEqual(['register-change', 'register-change']);
    expect(item('health').notes).toEqual(['added and removed: Patient records (system, high) — lamna-hospital']);
    expect(agenda.items.some((i: Item) => i.id.includes('finance'))).toBe(false);
    // the coordinator (the centre) may read the left-out change: it sees what and why
    expect(agenda.excluded).toEqual([
      expect.objectContaining({ kind: 'infrastructure-overview', title: 'Register of litware (energy): added Substation telemetry', codes: ['TLP.NOT_RECIPIENT'], notReadableBy: ['health'] }),
    ]);
    const text = JSON.stringify(agenda.items);
    expect(text).not.toContain('Substation telemetry');
    expect(text).not.toContain('Clearing engine');

    // the export every participant will receive lists the changes, nothing of the change left out
    const markdown = await hub.http.get(`/api/v1/meetings/${meeting.body.id}/agenda.md`).set(bearer(keys.coordinator)).expect(200);
    expect(markdown.text).toContain('added: Grid control remote access (ot, critical) — litware');
    expect(markdown.text).not.toContain('Substation telemetry');
  });
});
