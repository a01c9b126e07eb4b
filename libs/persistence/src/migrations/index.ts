import { OrganisationsAndKeys1764000000000 } from './1764000000000-organisations-and-keys.js';
import { AuditLog1764000100000 } from './1764000100000-audit-log.js';
import { StixStoreAndIncidents1764001000000 } from './1764001000000-stix-store-and-incidents.js';
import { Advisories1764002000000 } from './1764002000000-advisories.js';
import { TaxiiStatus1764003000000 } from './1764003000000-taxii-status.js';
import { Meetings1764004000000 } from './1764004000000-meetings.js';
import { Briefings1764004100000 } from './1764004100000-briefings.js';
import { StixObjectsDateAdded1764005000000 } from './1764005000000-stix-objects-date-added.js';
import { DeliveryEvents1764010000000 } from './1764010000000-delivery-events.js';
import { DeliveryKey1764011000000 } from './1764011000000-delivery-key.js';
import { DeliveryInsertsByAdvisory1764012000000 } from './1764012000000-delivery-inserts-by-advisory.js';
import { StixObjectsUnusedIndexes1764013000000 } from './1764013000000-stix-objects-unused-indexes.js';
import { AdvisoriesAckDue1764014000000 } from './1764014000000-advisories-ack-due.js';
import { IncidentTimelineObjectIds1764015000000 } from './1764015000000-incident-timeline-object-ids.js';
import { WebhookSecretsSealed1764017300000 } from './1764017300000-webhook-secrets-sealed.js';
import { StixObjectsOwned1764020000000 } from './1764020000000-stix-objects-owned.js';
import { IncidentCasesPerReporter1764020100000 } from './1764020100000-incident-cases-per-reporter.js';
import { IncidentCoordination1764030100000 } from './1764030100000-incident-coordination.js';
import { InfrastructureRegisters1764030300000 } from './1764030300000-infrastructure-registers.js';
import { MajorIncidents1764030400000 } from './1764030400000-major-incidents.js';
import { CaseEvents1764040100000 } from './1764040100000-case-events.js';
import { AgendaVersions1764040200000 } from './1764040200000-agenda-versions.js';
import { InfrastructureRegisterChanges1764040300000 } from './1764040300000-infrastructure-register-changes.js';
import { Exercises1764040400000 } from './1764040400000-exercises.js';

/** Every migration, oldest first. A new schema change is a new file added here. */
export const ALL_MIGRATIONS = [OrganisationsAndKeys1764000000000, AuditLog1764000100000, StixStoreAndIncidents1764001000000, Advisories1764002000000, TaxiiStatus1764003000000, Meetings1764004000000, Briefings1764004100000, StixObjectsDateAdded1764005000000, DeliveryEvents1764010000000, DeliveryKey1764011000000, DeliveryInsertsByAdvisory1764012000000, StixObjectsUnusedIndexes1764013000000, AdvisoriesAckDue1764014000000, IncidentTimelineObjectIds1764015000000, WebhookSecretsSealed1764017300000, StixObjectsOwned1764020000000, IncidentCasesPerReporter1764020100000, IncidentCoordination1764030100000, InfrastructureRegisters1764030300000, MajorIncidents1764030400000, CaseEvents1764040100000, AgendaVersions1764040200000, InfrastructureRegisterChanges1764040300000, Exercises1764040400000];
