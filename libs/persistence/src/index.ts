export * from './data-source.js';
export * from './database.js';
export * from './entities.js';
export * from './migrations/index.js';
export * from './persistence.module.js';
