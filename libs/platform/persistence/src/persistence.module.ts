import { Module, type DynamicModule } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DatabaseConnection } from './database-connection.js';
import { DatabaseHealthIndicator, HostedSchemas } from './database-health.indicator.js';
import type { ModuleSchema } from './module-schema.js';

/**
 * `forRoot` once in the application: where the database is and which module schemas it hosts.
 * `forModule(schema)` in each domain module: a TypeORM DataSource named after the module that
 * logs in as the module's own role (`@InjectDataSource('catalog')`); stores run SQL on its
 * pool through `rowsOf`.
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
      ],
      exports: [DatabaseConnection, DatabaseHealthIndicator],
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
      exports: [TypeOrmModule],
    };
  }
}
