export * from './heartbeat.js';
export * from './messaging.module.js';
export * from './queue-definition.js';
export * from './queue-host.js';
export * from './queue-host.module.js';
export * from './queue-producer.js';
export * from './redis-connection.js';
export * from './tokens.js';
