// @isac/events — live updates for the web console: inbox entries, receipts and major-incident rooms' lines as server-sent events.
export { eventsFor, eventsOf, parseNotification, type ConsoleEvent, type DeliveredAdvisory, type DeliveryFact, type DeliveryFacts, type DeliveryNotification } from './console-events.js';
export { ConsoleEventsService } from './console-events.service.js';
export { DELIVERY_EVENTS_CHANNEL } from './delivery-events.repository.js';
export { EventsHttpModule } from './events.module.js';
export { parseRoomNotification, roomEventsFor, roomNotificationPayload, ROOM_EVENTS_CHANNEL, type RoomEvent, type RoomNotification } from './room-events.js';
