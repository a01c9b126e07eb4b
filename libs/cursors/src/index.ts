export * from './cursor-seal.js';
export * from './cursors.module.js';
