import { ADVISORY_ENTITIES } from '@isac/advisories';
import { AUDIT_ENTITIES } from '@isac/audit';
import { ORGANISATION_ENTITIES } from '@isac/organisations';

/** Every entity of every context: the data source is built from this list, migrations must match it. */
export const ALL_ENTITIES = [...ORGANISATION_ENTITIES, ...AUDIT_ENTITIES, ...ADVISORY_ENTITIES];
