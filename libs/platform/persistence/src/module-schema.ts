import type { DataSourceOptions } from 'typeorm';

/**
 * What a module owns in PostgreSQL: one schema, one login role that may touch only that schema,
 * and its migrations (kept in `migrations/<module>/`). Modules write SQL (`rowsOf`), not
 * TypeORM entities (docs/decisions/0016-one-persistence-style.md).
 */
export interface ModuleSchema {
  readonly module: string;
  /** PostgreSQL schema; equals the module name. */
  readonly schema: string;
  /** Login role the module connects as; owns the schema and nothing else. */
  readonly role: string;
  /** Applied by the SchemaMigrator (TypeORM's migration runner). */
  readonly migrations: NonNullable<DataSourceOptions['migrations']>;
}

/**
 * @example
 * export const CatalogSchema = defineModuleSchema({
 *   module: 'catalog',
 *   migrations: CatalogMigrations,
 * });
 */
export function defineModuleSchema(
  definition: Pick<ModuleSchema, 'module' | 'migrations'>,
): ModuleSchema {
  if (!/^[a-z][a-z0-9_]{0,39}$/.test(definition.module)) {
    throw new Error(
      `Module name "${definition.module}" must be lower-case letters, digits or _ (it names a schema and a role)`,
    );
  }
  return { ...definition, schema: definition.module, role: `seam_${definition.module}` };
}
