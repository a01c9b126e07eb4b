// @isac/events — live updates for the web console: inbox entries, receipts, case changes and major-incident rooms' lines as server-sent events.
export {
  eventsFor,
  eventsOf,
  heardBy,
  parseNotification,
  type ConsoleEvent,
  type DeliveredAdvisory,
  type DeliveryFact,
  type DeliveryFacts,
  type DeliveryNotification,
} from './console-events.js';
export { ConsoleEventsService } from './console-events.service.js';
export { CASE_EVENTS_CHANNEL, DELIVERY_EVENTS_CHANNEL } from './delivery-events.repository.js';
export { caseEventsOf, parseCaseNotification, type CaseChangeFacts, type CaseEvent, type CaseNotification } from './case-events.js';
export { EventsHttpModule } from './events.module.js';
export { parseRoomNotification, roomEventsFor, roomNotificationPayload, ROOM_EVENTS_CHANNEL, type RoomEvent, type RoomNotification } from './room-events.js';
