// @isac/partitions — monthly range partitions of PostgreSQL tables: bounds, creation ahead, whole-partition drops.
export * from './monthly-ranges.js';
export * from './month-partitions.js';
