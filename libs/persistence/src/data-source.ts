import { DataSource } from 'typeorm';
import type { AppConfig } from '@isac/config';
import { ALL_ENTITIES } from './entities.js';
import { ALL_MIGRATIONS } from './migrations/index.js';

/** The one way the hub builds its TypeORM data source: entities and migrations listed, never synchronize. */
export function createDataSource(config: Pick<AppConfig, 'DATABASE_URL'>, options: { applicationName?: string; poolSize?: number } = {}): DataSource {
  return new DataSource({
    type: 'postgres',
    url: config.DATABASE_URL,
    entities: ALL_ENTITIES,
    migrations: ALL_MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    uuidExtension: 'pgcrypto',
    logging: false,
    applicationName: options.applicationName ?? 'isac-hub',
    // jit off for the hub's sessions: its statements are short and many, and PostgreSQL compiled the
    // TAXII page's walk of a store of millions (its cost estimate past jit_above_cost) for about 35 ms
    // of a 60 ms page, each time (issue 20's scale bench)
    extra: { max: options.poolSize ?? 10, connectionTimeoutMillis: 5000, options: '-c jit=off' },
  });
}
