import type { Network, NetworkOrg } from '@isac/tlp';
import { eventsFor, parseNotification, type DeliveryFact } from './console-events.js';

const orgs: NetworkOrg[] = [
  { id: 'centre', kind: 'centre' },
  { id: 'energy', kind: 'sector-unit', sector: 'energy', parentId: 'centre' },
  { id: 'gridco', kind: 'member', sector: 'energy', parentId: 'energy' },
  { id: 'health', kind: 'sector-unit', sector: 'health', parentId: 'centre' },
];
const network: Network = { org: (id) => orgs.find((o) => o.id === id) };

const fact = (over: Partial<DeliveryFact> = {}): DeliveryFact => ({
  entryId: 'e1',
  advisoryId: 'a1',
  recipientOrgId: 'energy',
  authorOrgId: 'centre',
  tlp: 'TLP:AMBER',
  recipientOrgIds: ['energy'],
  kind: 'alert',
  ...over,
});

describe('eventsFor', () => {
  it('tells the recipient of its new or changed entry, and the author of the receipt', () => {
    expect(eventsFor(fact(), 'insert', 'energy', network)).toEqual([{ type: 'inbox', change: 'added', entryId: 'e1', advisoryId: 'a1' }]);
    expect(eventsFor(fact(), 'update', 'energy', network)).toEqual([{ type: 'inbox', change: 'changed', entryId: 'e1', advisoryId: 'a1' }]);
    expect(eventsFor(fact(), 'update', 'centre', network)).toEqual([{ type: 'receipt', advisoryId: 'a1', entryId: 'e1' }]);
  });

  it('tells nobody else: not another sector, not the recipient\'s members, not its parent', () => {
    for (const other of ['health', 'gridco', 'unknown']) expect(eventsFor(fact(), 'insert', other, network)).toEqual([]);
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

  it('an author reading its own entry (an alert to everyone, the centre included) hears of the entry, not of a receipt', () => {
    expect(eventsFor(fact({ recipientOrgId: 'centre', tlp: 'TLP:GREEN' }), 'insert', 'centre', network)).toEqual([{ type: 'inbox', change: 'added', entryId: 'e1', advisoryId: 'a1' }]);
  });
});

describe('parseNotification', () => {
  it('reads the triggers\' payload and ignores anything else', () => {
    const id = '0b3c8c8e-6f0e-4c55-9a52-2f4f0d7c1e11';
    expect(parseNotification(JSON.stringify({ op: 'insert', ids: [id, 'x', 3] }))).toEqual({ change: 'insert', ids: [id] });
    expect(parseNotification(JSON.stringify({ op: 'delete', ids: [id] }))).toBeNull();
    expect(parseNotification('not json')).toBeNull();
    expect(parseNotification(undefined)).toBeNull();
  });
});
