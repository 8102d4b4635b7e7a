import { Injectable, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AdminAuditLog } from './audit/admin-audit-log.js';
import { AdminAudit } from './audit/admin-audit.js';
import { DatabaseConnection } from './database-connection.js';
import { DatabaseHealthIndicator, HostedSchemas } from './database-health.indicator.js';
import type { ModuleSchema } from './module-schema.js';

/** Lists a module's audit log among the process's (AdminAudit). */
@Injectable()
class AdminAuditRegistration implements OnModuleInit {
  constructor(
    private readonly log: AdminAuditLog,
    private readonly audit: AdminAudit,
  ) {}

  onModuleInit(): void {
    this.audit.register(this.log);
  }
}

/**
 * `forRoot` once in the application: where the database is and which module schemas it hosts.
 * `forModule(schema)` in each domain module: a TypeORM DataSource named after the module that
 * logs in as the module's own role (`@InjectDataSource('catalog')`); stores run SQL on its
 * pool through `rowsOf`, and lists its audit log of operator actions in AdminAudit (its table
 * comes from createAdminAuditMigration).
 */
@Module({})
export class PersistenceModule {
  static forRoot(connection: DatabaseConnection, schemas: readonly ModuleSchema[]): DynamicModule {
    return {
      module: PersistenceModule,
      global: true,
      imports: [TerminusModule],
      providers: [
        { provide: DatabaseConnection, useValue: connection },
        { provide: HostedSchemas, useValue: new HostedSchemas(schemas) },
        DatabaseHealthIndicator,
        AdminAudit,
      ],
      exports: [DatabaseConnection, DatabaseHealthIndicator, AdminAudit],
    };
  }

  static forModule(schema: ModuleSchema): DynamicModule {
    return {
      module: PersistenceModule,
      imports: [
        TypeOrmModule.forRootAsync({
          name: schema.module,
          inject: [DatabaseConnection],
          useFactory: (connection: DatabaseConnection) => ({
            // Logs in as the module's role with its current password, following rotations.
            ...connection.dataSourceOptionsFor(schema, `seam:${schema.module}`),
            synchronize: false,
            migrationsRun: false,
            retryAttempts: 3,
            retryDelay: 1000,
          }),
        }),
      ],
      providers: [
        {
          provide: AdminAuditLog,
          useFactory: (db: DataSource) => new AdminAuditLog(schema.module, schema.schema, db),
          inject: [getDataSourceToken(schema.module)],
        },
        AdminAuditRegistration,
      ],
      exports: [TypeOrmModule],
    };
  }
}
