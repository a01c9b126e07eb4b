import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@isac/config';
import { UnitOfWork } from '@isac/unit-of-work';
import { DataSource } from 'typeorm';
import { connect, ensureDatabase, migrate } from './database.js';
import { createDataSource } from './data-source.js';

export interface PersistenceOptions {
  /** create the database if missing and run pending migrations before anything else starts */
  migrate?: boolean;
  applicationName?: string;
}

/** Provides the one TypeORM DataSource of a process (repositories inject it) and the `UnitOfWork` services run their writes in. */
@Global()
@Module({})
export class PersistenceModule implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  static forRoot(options: PersistenceOptions = {}): DynamicModule {
    return {
      module: PersistenceModule,
      providers: [
        {
          provide: DataSource,
          inject: [AppConfig],
          useFactory: async (config: AppConfig) => {
            if (options.migrate) await ensureDatabase(config.DATABASE_URL);
            const dataSource = await connect(createDataSource(config, { applicationName: options.applicationName }), config.DATABASE_URL);
            if (options.migrate) await migrate(dataSource);
            return dataSource;
          },
        },
        UnitOfWork,
      ],
      exports: [DataSource, UnitOfWork],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
