export * from './cursor-seal.js';
export * from './page-cursors.js';
export * from './page-query.dto.js';
export * from './cursors.module.js';
