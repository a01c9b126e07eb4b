import { ADVISORY_ENTITIES } from '@isac/advisories';
import { AUDIT_ENTITIES } from '@isac/audit';
import { CRISIS_ENTITIES } from '@isac/crisis';
import { EXERCISE_ENTITIES } from '@isac/exercises';
import { INCIDENT_ENTITIES } from '@isac/incidents';
import { INFRASTRUCTURE_ENTITIES } from '@isac/infrastructure';
import { MEETING_ENTITIES } from '@isac/meetings';
import { ORGANISATION_ENTITIES } from '@isac/organisations';
import { STIX_STORE_ENTITIES } from '@isac/stix-store';
import { TAXII_ENTITIES } from '@isac/taxii';

/** Every entity of every context: the data source is built from this list, migrations must match it. */
export const ALL_ENTITIES = [
  ...ORGANISATION_ENTITIES,
  ...AUDIT_ENTITIES,
  ...ADVISORY_ENTITIES,
  ...STIX_STORE_ENTITIES,
  ...INCIDENT_ENTITIES,
  ...MEETING_ENTITIES,
  ...TAXII_ENTITIES,
  ...INFRASTRUCTURE_ENTITIES,
  ...CRISIS_ENTITIES,
  ...EXERCISE_ENTITIES,
];
