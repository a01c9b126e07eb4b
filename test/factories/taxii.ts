// STIX objects and TAXII requests for the TAXII suites and benchmark.
import { randomUUID } from 'node:crypto';
import { TLP2_MARKING_IDS, type TlpLabel } from '@isac/stix';

export const TAXII = 'application/taxii+json;version=2.1';
export const taxiiHeaders = (auth: Record<string, string> = {}) => ({ Accept: TAXII, ...auth });

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

export function malware(tlp: TlpLabel): Record<string, unknown> {
  return {
    type: 'malware',
    spec_version: '2.1',
    id: `malware--${randomUUID()}`,
    created: '2026-02-01T10:00:00.000Z',
    modified: '2026-02-01T10:00:00.000Z',
    name: 'GridLock',
    is_family: true,
    object_marking_refs: [TLP2_MARKING_IDS[tlp]],
  };
}

export const envelope = (objects: Record<string, unknown>[]) => ({ objects });
