// @isac/pg-notifications — a PostgreSQL LISTEN connection that comes back after its loss. Its own lib,
// not @isac/persistence: persistence lists every context's entities (organisations' among them), so a
// context importing it would close a cycle.
export * from './pg-notification-listener.js';
