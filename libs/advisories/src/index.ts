// @isac/advisories — advisories, alerts, inboxes, receipts, webhooks and their routing (DESIGN §5).
export * from './advisories-http.module.js';
export * from './advisories-worker.module.js';
export * from './advisories.module.js';
export { AdvisoriesService, type AdvisoryAuthor, type AlertRequest, type PublishRequest } from './advisories.service.js';
export { AdvisoryQueriesService, type PeriodAdvisory, type SectorReceipts } from './advisory-queries.service.js';
// the owner's repositories of advisories and deliveries (STYLE rule 4), and the escalation step the worker's relay runs
export { AdvisoryRepository } from './advisory.repository.js';
export { DeliveryRepository } from './delivery.repository.js';
export { EscalationService } from './escalation.service.js';
export type { AdvisoryAudience, AdvisoryKind, AdvisoryMatch, Severity, WebhookState } from './advisory.types.js';
export { SEVERITIES } from './advisory.types.js';
export { AdvisoryBacklogRepository, type AdvisoryBacklog } from './advisory-backlog.repository.js';
export { DeliverProcessor } from './deliver.processor.js';
export { DeliveryFactsRepository, type DeliveryFactRow } from './delivery-facts.repository.js';
export { OutboxRelay } from './outbox-relay.service.js';
export { deliverQueueName, ROUTE_JOB_SIZE, ROUTE_QUEUE } from './queues.js';
export { RouteProcessor } from './route.processor.js';
export { RouterService } from './router.service.js';
export { SIGNATURE_HEADER, signWebhook, verifyWebhookSignature } from './webhook-signature.js';

import { AdvisoryEntity } from './advisory.entity.js';
import { AdvisoryMatchEntity } from './advisory-match.entity.js';
import { DeliveryEntity } from './delivery.entity.js';
import { OutboxEntity } from './outbox.entity.js';
import { WebhookEntity } from './webhook.entity.js';
export const ADVISORY_ENTITIES = [AdvisoryEntity, OutboxEntity, DeliveryEntity, WebhookEntity, AdvisoryMatchEntity];
export * from './errors.js';
export { InboxRetentionRepository, INBOX_PARTITIONING, type InboxExpiry, type InboxMonthDropped } from './inbox-retention.repository.js';
// pure: who an audience names (benchmarks measure it), and the time-ordered ids the inbox partitions by
export { resolveAudience, type AudienceDirectory } from './audience.js';
export { WEBHOOK_FAILURE_WITHHELD } from './advisory-view.js';
export { uuidV7 } from './uuid-v7.js';
// the publishing DTO, for the route bench's floor (a bare Nest route validating the same body)
export { PublishAdvisoryDto } from './dto/publish-advisory.dto.js';
