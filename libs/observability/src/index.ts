export * from './hub-logger.js';
export * from './log-redaction.js';
export * from './request-context.js';
export * from './request-logging.middleware.js';
export * from './http-metrics.js';
export * from './readiness.js';
