export * from './access-policy.js';
export * from './access.decorators.js';
export * from './auth.guard.js';
export * from './credentials.js';
export * from './principal.js';
export * from './errors.js';
