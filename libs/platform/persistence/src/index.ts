export { ChannelListener, type ListenLogin } from './channel-listener.js';
export { DatabaseConnection, type ModuleDataSourceOptions } from './database-connection.js';
export { DatabaseHealthIndicator } from './database-health.indicator.js';
export { DataDirInUseError } from './embedded/data-dir-lock.js';
export {
  EmbeddedPostgresServer,
  SYSTEM_DIRS,
  type EmbeddedPostgresOptions,
  type SystemDirs,
} from './embedded/embedded-postgres.server.js';
export { EmbeddedPostgresError, type FailureReason } from './embedded/embedded-postgres.error.js';
export { ModuleCredentials, type ModuleLogin } from './module-credentials.js';
export { INVALID_PASSWORD, isInvalidPassword } from './module-role-driver.js';
export { defineModuleSchema, type ModuleSchema } from './module-schema.js';
export { PersistenceModule } from './persistence.module.js';
export { MIGRATIONS_TABLE, SchemaMigrator, type MigrationReport } from './schema-migrator.js';
export { empty, join, raw, rowsOf, sql, sqlStateOf, type Sql } from './statement.js';
export {
  AdminAuditLog,
  type AdminAction,
  type AuditFilter,
  type AuditRecord,
} from './audit/admin-audit-log.js';
export { AdminAudit, NotAuditableHereError } from './audit/admin-audit.js';
export { createAdminAuditMigration } from './audit/admin-audit-table.migration.js';
