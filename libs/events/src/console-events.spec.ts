import type { Network, NetworkOrg } from '@isac/tlp';
import { eventsFor, eventsOf, isEmptyNotification, parseNotification, type DeliveryFact } from './console-events.js';

const orgs: NetworkOrg[] = [
  { id: 'centre', slug: 'centre', kind: 'centre' },
  { id: 'energy', slug: 'energy', kind: 'sector-unit', sector: 'energy', parentId: 'centre' },
  { id: 'litware', slug: 'litware', kind: 'member', sector: 'energy', parentId: 'energy' },
  { id: 'health', slug: 'health', kind: 'sector-unit', sector: 'health', parentId: 'centre' },
];
const network: Network = { org: (id) => orgs.find((o) => o.id === id) };

const fact = (over: Partial<DeliveryFact> = {}): DeliveryFact => ({
  advisoryId: 'a1',
  recipientOrgId: 'energy',
  authorOrgId: 'centre',
  tlp: 'TLP:AMBER',
  recipientOrgIds: ['energy'],
  kind: 'alert',
  unnamedOrgIds: [],
  ...over,
});

describe('eventsFor', () => {
  it('tells the recipient of its new or changed entry, and the author of the changed receipt', () => {
    expect(eventsFor(fact(), 'insert', 'energy', network)).toEqual([{ type: 'inbox', change: 'added', entryId: 'a1', advisoryId: 'a1' }]);
    expect(eventsFor(fact(), 'update', 'energy', network)).toEqual([{ type: 'inbox', change: 'changed', entryId: 'a1', advisoryId: 'a1' }]);
    expect(eventsFor(fact(), 'update', 'centre', network)).toEqual([{ type: 'receipt', change: 'changed', advisoryId: 'a1', recipientOrgId: 'energy' }]);
  });

  it('does not tell the author of each new entry: that is one delivered event per advisory (eventsOf)', () => {
    expect(eventsFor(fact(), 'insert', 'centre', network)).toEqual([]);
  });

  it('tells nobody else: not another sector, not the recipient\'s members, not its parent', () => {
    for (const other of ['health', 'litware', 'unknown']) expect(eventsFor(fact(), 'insert', other, network)).toEqual([]);
    // the centre is the parent of energy but not the author here
    expect(eventsFor(fact({ authorOrgId: 'health', recipientOrgIds: ['energy'] }), 'insert', 'centre', network)).toEqual([]);
  });

  it('asks the TLP policy again: an entry the recipient may not read is not announced to it', () => {
    // RED named to health only; an entry for energy could only exist by a fault upstream
    expect(eventsFor(fact({ tlp: 'TLP:RED', recipientOrgIds: ['health'] }), 'insert', 'energy', network)).toEqual([]);
    expect(eventsFor(fact({ tlp: 'TLP:RED', recipientOrgIds: ['energy'] }), 'insert', 'energy', network)).toHaveLength(1);
    // unmarked: readable by its author only
    expect(eventsFor(fact({ tlp: undefined }), 'insert', 'energy', network)).toEqual([]);
  });

  it("issue 18, the author's view: a recipient a targeted audience found in a register the author may not read is counted, never named", () => {
    // litware matched in a register the author (energy) may not read: the receipts count it, so must the stream
    const unnamed = fact({ authorOrgId: 'energy', recipientOrgId: 'litware', recipientOrgIds: ['litware', 'energy'], unnamedOrgIds: ['litware'] });
    const heard = eventsFor(unnamed, 'update', 'energy', network);
    expect(heard).toEqual([{ type: 'receipt', change: 'counted', advisoryId: 'a1' }]);
    expect(JSON.stringify(heard)).not.toContain('litware');
    // a recipient the author may name is still named
    const named = fact({ authorOrgId: 'energy', recipientOrgId: 'health', recipientOrgIds: ['litware', 'health'], unnamedOrgIds: ['litware'] });
    expect(eventsFor(named, 'update', 'energy', network)).toEqual([{ type: 'receipt', change: 'changed', advisoryId: 'a1', recipientOrgId: 'health' }]);
    // the recipient itself hears of its own entry as before
    expect(eventsFor(unnamed, 'update', 'litware', network)).toEqual([{ type: 'inbox', change: 'changed', entryId: 'a1', advisoryId: 'a1' }]);
  });

  it('an author reading its own entry (an alert to everyone, the centre included) hears of the entry, not of a receipt', () => {
    expect(eventsFor(fact({ recipientOrgId: 'centre', tlp: 'TLP:GREEN' }), 'insert', 'centre', network)).toEqual([{ type: 'inbox', change: 'added', entryId: 'a1', advisoryId: 'a1' }]);
  });
});

describe('eventsOf', () => {
  const recipients = ['energy', 'litware', 'health'];
  const fanOut = recipients.map((recipientOrgId) => fact({ recipientOrgId, tlp: 'TLP:GREEN', recipientOrgIds: recipients }));

  it('a fan-out: one inbox event per recipient, one delivered event for the author', () => {
    expect(eventsOf({ entries: fanOut, delivered: [{ advisoryId: 'a1', authorOrgId: 'centre' }] }, 'insert', network)).toEqual([
      { orgId: 'energy', event: { type: 'inbox', change: 'added', entryId: 'a1', advisoryId: 'a1' } },
      { orgId: 'litware', event: { type: 'inbox', change: 'added', entryId: 'a1', advisoryId: 'a1' } },
      { orgId: 'health', event: { type: 'inbox', change: 'added', entryId: 'a1', advisoryId: 'a1' } },
      { orgId: 'centre', event: { type: 'receipt', change: 'delivered', advisoryId: 'a1' } },
    ]);
    // the author listening alone: its one event, whatever the number of recipients
    expect(eventsOf({ entries: [], delivered: [{ advisoryId: 'a1', authorOrgId: 'centre' }, { advisoryId: 'a2', authorOrgId: 'centre' }] }, 'insert', network)).toEqual([
      { orgId: 'centre', event: { type: 'receipt', change: 'delivered', advisoryId: 'a1' } },
      { orgId: 'centre', event: { type: 'receipt', change: 'delivered', advisoryId: 'a2' } },
    ]);
  });

  it('changed entries: an inbox event to each recipient and a receipt per entry to the author', () => {
    const events = eventsOf({ entries: fanOut.slice(0, 2), delivered: [] }, 'update', network);
    expect(events).toEqual([
      { orgId: 'energy', event: { type: 'inbox', change: 'changed', entryId: 'a1', advisoryId: 'a1' } },
      { orgId: 'centre', event: { type: 'receipt', change: 'changed', advisoryId: 'a1', recipientOrgId: 'energy' } },
      { orgId: 'litware', event: { type: 'inbox', change: 'changed', entryId: 'a1', advisoryId: 'a1' } },
      { orgId: 'centre', event: { type: 'receipt', change: 'changed', advisoryId: 'a1', recipientOrgId: 'litware' } },
    ]);
  });

  it('the author\'s own entry (an alert to everyone, the centre included) is an inbox event, not a receipt', () => {
    expect(eventsOf({ entries: [fact({ recipientOrgId: 'centre', tlp: 'TLP:GREEN' })], delivered: [] }, 'update', network)).toEqual([
      { orgId: 'centre', event: { type: 'inbox', change: 'changed', entryId: 'a1', advisoryId: 'a1' } },
    ]);
  });
});

describe('parseNotification', () => {
  const a = '0b3c8c8e-6f0e-4c55-9a52-2f4f0d7c1e11';
  const o = '5c1e8a3f-0d2b-4f6a-8e9c-7b1a2d3c4e5f';
  const at = '2026-12-01T21:50:00.123456+00:00';

  it('reads new entries by advisory, with the instant they were delivered at', () => {
    expect(parseNotification(JSON.stringify({ op: 'insert', at, advisories: [a, 'x', 3] }))).toEqual({ change: 'insert', advisoryIds: [a], at });
    expect(parseNotification(JSON.stringify({ op: 'insert', at, advisories: [] }))).toEqual({ change: 'insert', advisoryIds: [], at });
    // no instant, or not a time: which entries are meant cannot be told
    expect(parseNotification(JSON.stringify({ op: 'insert', advisories: [a] }))).toBeNull();
    expect(parseNotification(JSON.stringify({ op: 'insert', at: 'soon', advisories: [a] }))).toBeNull();
    // the insert payload of the triggers before entries were announced by advisory
    expect(parseNotification(JSON.stringify({ op: 'insert', entries: [[a, o]] }))).toBeNull();
  });

  it('reads changed entries as pairs and ignores anything else', () => {
    expect(parseNotification(JSON.stringify({ op: 'update', entries: [[a, o], [a, 'x'], [a], 3, a] }))).toEqual({ change: 'update', entries: [{ advisoryId: a, orgId: o }] });
    expect(parseNotification(JSON.stringify({ op: 'update', entries: [] }))).toEqual({ change: 'update', entries: [] });
    expect(parseNotification(JSON.stringify({ op: 'delete', entries: [[a, o]] }))).toBeNull();
    expect(parseNotification(JSON.stringify({ op: 'update', ids: [a] }))).toBeNull();
    expect(parseNotification('not json')).toBeNull();
    expect(parseNotification(undefined)).toBeNull();
  });

  it('tells an empty notification from one that names something', () => {
    expect(isEmptyNotification({ change: 'insert', advisoryIds: [], at })).toBe(true);
    expect(isEmptyNotification({ change: 'insert', advisoryIds: [a], at })).toBe(false);
    expect(isEmptyNotification({ change: 'update', entries: [] })).toBe(true);
    expect(isEmptyNotification({ change: 'update', entries: [{ advisoryId: a, orgId: o }] })).toBe(false);
  });
});
