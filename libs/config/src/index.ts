export * from './app-config.js';
export * from './config.module.js';
export * from './networks.js';
export * from './retention-settings.js';
