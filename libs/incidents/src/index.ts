// @isac/incidents — incident cases, their reports and reporting clocks (DESIGN §4).
export * from './clocks.js';
export * from './reporting-clocks.js';
export * from './stage-content.js';
export * from './reporting-regimes.js';
export * from './regime-directory.service.js';
export * from './incident-submission.js';
export * from './case-view.js';
export * from './incident-case.entity.js';
export * from './incident-timeline.entity.js';
export * from './incident-message.entity.js';
export * from './incident-link.entity.js';
export * from './link-keys.js';
export * from './incidents.service.js';
export * from './incident-queries.service.js';
export * from './incident-coordination.service.js';
export * from './incident-clocks.service.js';
export * from './incident-clocks.processor.js';
export * from './incidents.module.js';
export { IncidentCaseAccessRepository, type CaseAccess, type MessageAccess } from './case-access.repository.js';
export * from './incidents-http.module.js';
export * from './queues.js';

import { IncidentCaseEntity } from './incident-case.entity.js';
import { IncidentCaseKeyEntity, IncidentLinkEntity } from './incident-link.entity.js';
import { IncidentMessageEntity } from './incident-message.entity.js';
import { IncidentTimelineEntity } from './incident-timeline.entity.js';
export const INCIDENT_ENTITIES = [IncidentCaseEntity, IncidentTimelineEntity, IncidentMessageEntity, IncidentLinkEntity, IncidentCaseKeyEntity];
export * from './errors.js';
