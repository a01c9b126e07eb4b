import type { Network, NetworkOrg } from '@isac/tlp';
import { parseRoomNotification, roomEventsFor, roomNotificationPayload, type RoomNotification } from './room-events.js';

const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
const [centre, energy, litware, health, finance] = [1, 2, 3, 4, 5].map(id);
const orgs: NetworkOrg[] = [
  { id: centre, slug: 'centre', kind: 'centre' },
  { id: energy, slug: 'energy', kind: 'sector-unit', sector: 'energy', parentId: centre },
  { id: litware, slug: 'litware', kind: 'member', sector: 'energy', parentId: energy },
  { id: health, slug: 'health', kind: 'sector-unit', sector: 'health', parentId: centre },
  { id: finance, slug: 'finance', kind: 'sector-unit', sector: 'finance', parentId: centre },
];
const network: Network = { org: (orgId) => orgs.find((o) => o.id === orgId) };
const everyone = orgs.map((o) => o.id);

const line = (tlp: RoomNotification['item']['tlp'], kind = 'status'): RoomNotification => ({ majorIncidentId: id(8), entryId: id(9), kind, item: { tlp, authorOrgId: centre, recipientOrgIds: [energy, health] } });
const hearing = (n: RoomNotification) => roomEventsFor(n, everyone, network).map((e) => e.orgId);

describe('roomEventsFor', () => {
  it("a RED room's line reaches the centre and the concerned units only: not another sector, not a unit's member", () => {
    expect(hearing(line('TLP:RED'))).toEqual([centre, energy, health]);
  });
  it("an AMBER room's line reaches the units' members too; a RED sitrep in it does not", () => {
    expect(hearing(line('TLP:AMBER'))).toContain(litware);
    expect(hearing(line('TLP:AMBER'))).not.toContain(finance);
    expect(hearing(line('TLP:RED', 'sitrep'))).not.toContain(litware);
  });
  it('carries ids and the kind only', () => {
    expect(roomEventsFor(line('TLP:RED'), [energy], network)).toEqual([{ orgId: energy, event: { type: 'major-incident', majorIncidentId: id(8), entryId: id(9), kind: 'status' } }]);
  });
});

describe('parseRoomNotification', () => {
  it('reads back what the crisis context writes', () => {
    expect(parseRoomNotification(roomNotificationPayload(line('TLP:AMBER+STRICT')))).toEqual(line('TLP:AMBER+STRICT'));
  });
  it('ignores anything else: no marking, a bad label, bad ids, not JSON', () => {
    expect(parseRoomNotification(undefined)).toBeNull();
    expect(parseRoomNotification('{')).toBeNull();
    expect(parseRoomNotification(JSON.stringify({ ...line('TLP:RED'), item: { ...line('TLP:RED').item, tlp: 'TLP:PURPLE' } }))).toBeNull();
    expect(parseRoomNotification(JSON.stringify({ ...line('TLP:RED'), item: { ...line('TLP:RED').item, recipientOrgIds: ['x'] } }))).toBeNull();
    expect(parseRoomNotification(JSON.stringify({ ...line('TLP:RED'), majorIncidentId: 'x' }))).toBeNull();
  });
});
