export * from './domain-error.js';
export * from './problem.filter.js';
export * from './validation.pipe.js';
export * from './service-unreachable.error.js';
export * from './optional-non-null.js';
export * from './nul-characters.js';
export * from './unique-violation.js';
export * from './openapi.js';
