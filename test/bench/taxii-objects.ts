// STIX objects for the TAXII suites and benchmark (here: only test/bench/ is compiled for `npm run bench`).
import { randomUUID } from 'node:crypto';
import { TLP2_MARKING_IDS, type TlpLabel } from '@isac/stix';

let counter = 0;

/** A valid indicator marked `tlp` (none when null); `modified` makes a later version of the same id. */
export function indicator(tlp: TlpLabel | null, options: { id?: string; created?: string; modified?: string } = {}): Record<string, unknown> {
  const created = options.created ?? '2026-02-01T10:00:00.000Z';
  counter += 1;
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: options.id ?? `indicator--${randomUUID()}`,
    created,
    modified: options.modified ?? created,
    name: `Scanner address ${counter}`,
    pattern: `[ipv4-addr:value = '198.51.100.${counter % 250}']`,
    pattern_type: 'stix',
    valid_from: created,
    ...(tlp === null ? {} : { object_marking_refs: [TLP2_MARKING_IDS[tlp]] }),
  };
}
