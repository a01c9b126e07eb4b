export * from './json-logger.js';
export * from './request-context.js';
export * from './request-logging.middleware.js';
export * from './http-metrics.js';
export * from './readiness.js';
