import { DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from '@isac/audit';
import { AppConfig, ConfigModule } from '@isac/config';
import { RegisterSeedModule } from '@isac/infrastructure';
import { OrganisationsModule } from '@isac/organisations';
import { PersistenceModule } from '@isac/persistence';

/** What the administrative commands need: the database, the organisations context and the example registers' seed (with their STIX). */
@Module({})
export class AdminModule {
  static forRoot(config: AppConfig, options: { migrate: boolean }): DynamicModule {
    return {
      module: AdminModule,
      imports: [
        ConfigModule.forRoot(config),
        PersistenceModule.forRoot({ migrate: options.migrate, applicationName: 'isac-hub:cli' }),
        OrganisationsModule,
        // the STIX store the registers' seed writes to asks for the audit log (its reads are audited)
        AuditModule,
        RegisterSeedModule,
      ],
    };
  }
}
