// Generated STIX 2.1 bundles of any size for the ingest benchmark and the tests (re-exported by
// test/factories/stix-bundles.ts): copies of the hub's spec-conformant fixture set, one object of
// every standard type, around one incident.
import { randomUUID } from 'node:crypto';
import { INCIDENT_CORE_EXTENSION_ID, stixFixtures, TLP2_MARKING_IDS, uuidV5 } from '@isac/stix';

type StixObject = Record<string, unknown>;
const SCO_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';

function incident(options: { extra?: StixObject }): StixObject {
  const created = '2026-01-10T08:00:00.000Z';
  return {
    type: 'incident',
    spec_version: '2.1',
    id: `incident--${randomUUID()}`,
    created,
    modified: created,
    name: 'Generated incident',
    extensions: {
      [INCIDENT_CORE_EXTENSION_ID]: { extension_type: 'property-extension', determination: 'successful-attempt', investigation_status: 'open', criticality: 70 },
    },
    ...options.extra,
  };
}

/**
 * `count` objects of every standard STIX type around one incident: copies of the fixture set with
 * fresh ids (SCOs keep v5 ids), padded with notes on the incident to the exact count.
 */
export function mixedBundle(count: number, incidentOptions: { extra?: StixObject } = {}): { type: 'bundle'; id: string; objects: StixObject[] } {
  const { IDS, validObjects } = stixFixtures;
  const inc = incident(incidentOptions);
  const template = JSON.stringify(validObjects().filter((o) => o.type !== 'incident' && o.id !== TLP2_MARKING_IDS['TLP:GREEN']));
  const replaceable = Object.values(IDS).filter((id) => id !== IDS.incident && id !== IDS.bundle);
  const objects: StixObject[] = [inc, { ...(validObjects()[0] as StixObject) }];
  const perCopy = JSON.parse(template).length as number;
  for (let copy = 0; objects.length + perCopy <= count; copy++) {
    let text = template.split(IDS.incident).join(inc.id as string);
    for (const id of replaceable) {
      const [type] = id.split('--');
      const fresh = id.charAt(id.indexOf('--') + 16) === '5' ? uuidV5(SCO_NAMESPACE, `${copy}:${id}`) : randomUUID();
      text = text.split(id).join(`${type}--${fresh}`);
    }
    objects.push(...(JSON.parse(text) as StixObject[]));
  }
  while (objects.length < count) {
    const at = '2026-01-10T09:00:00.000Z';
    objects.push({ type: 'note', spec_version: '2.1', id: `note--${randomUUID()}`, created: at, modified: at, content: `observation ${objects.length}`, object_refs: [inc.id] });
  }
  return { type: 'bundle', id: `bundle--${randomUUID()}`, objects: objects.slice(0, Math.max(count, 1)) };
}
