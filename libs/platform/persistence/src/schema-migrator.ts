import pg from 'pg';
import { DataSource } from 'typeorm';
import type { Logger } from '#platform/observability';
import type { DatabaseConnection } from './database-connection.js';
import type { ModuleSchema } from './module-schema.js';

/** Serialises concurrent migrators (several instances starting at once) on one database. */
const MIGRATION_LOCK_KEY = 'seam:migrations';
export const MIGRATIONS_TABLE = 'migrations';

export interface MigrationReport {
  readonly module: string;
  readonly applied: readonly string[];
}

/**
 * Prepares the database for the hosted modules: for each module a login role, a schema owned by
 * that role and closed to everyone else, then the module's pending migrations, run as the
 * module's role with a history table in the module's own schema (`<schema>.migrations`).
 *
 * @example
 * await new SchemaMigrator(connection, logger).migrate([CatalogSchema]);
 */
export class SchemaMigrator {
  constructor(
    private readonly connection: DatabaseConnection,
    private readonly logger: Logger,
  ) {}

  async migrate(schemas: readonly ModuleSchema[]): Promise<MigrationReport[]> {
    const admin = new pg.Client({
      connectionString: this.connection.adminUrl.href,
      application_name: 'seam:migrator',
    });
    await admin.connect();
    try {
      await admin.query('SELECT pg_advisory_lock(hashtext($1))', [MIGRATION_LOCK_KEY]);
      for (const schema of schemas) await this.prepareSchema(admin, schema);
      // Modules' migrations touch only their own schemas, so they run side by side.
      return await Promise.all(schemas.map((schema) => this.runMigrations(schema)));
    } finally {
      await admin.end();
    }
  }

  private async prepareSchema(admin: pg.Client, schema: ModuleSchema): Promise<void> {
    const role = admin.escapeIdentifier(schema.role);
    const name = admin.escapeIdentifier(schema.schema);
    // The module's secret when it has one (a fresh deploy gets the secret's password), else
    // the fallback password.
    const password = admin.escapeLiteral((await this.connection.loginFor(schema)).password);
    const { rowCount } = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [
      schema.role,
    ]);
    const options = `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT PASSWORD ${password}`;
    await admin.query(
      rowCount ? `ALTER ROLE ${role} ${options}` : `CREATE ROLE ${role} ${options}`,
    );
    // Lets a non-superuser administrator (e.g. Aurora's master user) create a schema owned by the role.
    await admin.query(`GRANT ${role} TO CURRENT_USER`);
    await admin.query(`CREATE SCHEMA IF NOT EXISTS ${name} AUTHORIZATION ${role}`);
    await admin.query(`ALTER SCHEMA ${name} OWNER TO ${role}`);
    await admin.query(`REVOKE ALL ON SCHEMA ${name} FROM PUBLIC`);
    await admin.query(`REVOKE CREATE ON SCHEMA public FROM PUBLIC`);
    await admin.query(`ALTER ROLE ${role} SET search_path = ${name}`);
  }

  private async runMigrations(schema: ModuleSchema): Promise<MigrationReport> {
    const dataSource = new DataSource({
      ...this.connection.dataSourceOptionsFor(schema, `seam:${schema.module}:migrator`),
      migrationsTableName: MIGRATIONS_TABLE,
      migrations: schema.migrations,
      migrationsTransactionMode: 'each',
    });
    await dataSource.initialize();
    try {
      const applied = await dataSource.runMigrations();
      const names = applied.map((migration) => migration.name);
      this.logger.info(
        { module: schema.module, applied: names },
        names.length ? 'Migrations applied' : 'Schema up to date',
      );
      return { module: schema.module, applied: names };
    } finally {
      await dataSource.destroy();
    }
  }
}
