// STIX objects and TAXII requests for the TAXII suites and benchmark.
import { randomUUID } from 'node:crypto';
import { TLP2_MARKING_IDS, type TlpLabel } from '@isac/stix';

export const TAXII = 'application/taxii+json;version=2.1';
export const taxiiHeaders = (auth: Record<string, string> = {}) => ({ Accept: TAXII, ...auth });

export { indicator } from '../bench/taxii-objects.js';

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
