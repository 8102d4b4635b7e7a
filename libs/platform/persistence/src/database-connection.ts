import { createHmac } from 'node:crypto';
import type pg from 'pg';
import type { DataSourceOptions } from 'typeorm';
import { redactUrl } from '#platform/config';
import type { ModuleCredentials, ModuleLogin } from './module-credentials.js';
import { moduleRoleDriver, type ModuleRoleDriver } from './module-role-driver.js';
import type { ModuleSchema } from './module-schema.js';

type PostgresOptions = Extract<DataSourceOptions, { type: 'postgres' }>;

/** What a module's DataSource needs to log in as the module's role; add pool settings, migrations, ... */
export type ModuleDataSourceOptions = Pick<
  PostgresOptions,
  'type' | 'url' | 'schema' | 'applicationName' | 'driver'
>;

/**
 * Where PostgreSQL is and how each module logs in. Built from an administrative URL (the
 * embedded server's, or DATABASE_URL); modules never use the administrative login.
 *
 * A module role logs in with the login in its secret (`seam/<env>/db/<module>`) when the
 * connection has `ModuleCredentials` and the secret exists. Otherwise its password is
 * `SEAM_DB_PASSWORD_<MODULE>` when set, or derived from the administrative password with
 * HMAC-SHA256, so no extra secret needs storing. The migrator (re)sets it on every run. Pools
 * and LISTEN connections take the current password for each new connection, and re-read the
 * secret once when PostgreSQL refuses it (a rotation), so no restart is needed.
 *
 * @example
 * const connection = new DatabaseConnection(adminUrl, process.env).withCredentials(credentials);
 * new DataSource(connection.dataSourceOptionsFor(CatalogSchema, 'seam:catalog'));
 */
export class DatabaseConnection {
  private readonly drivers = new Map<string, ModuleRoleDriver>();

  constructor(
    readonly adminUrl: URL,
    private readonly env: Readonly<Record<string, string | undefined>> = {},
    /** Module logins kept as secrets; without them every module uses its fallback password. */
    readonly credentials?: ModuleCredentials,
    /** The deployable this process is (`monolith`, `payments`): appended to application names. */
    readonly service = 'monolith',
  ) {}

  /** The same database, with module logins read from secrets. */
  withCredentials(credentials: ModuleCredentials): DatabaseConnection {
    return new DatabaseConnection(this.adminUrl, this.env, credentials, this.service);
  }

  /** The login a new connection of the module's role uses now. */
  async loginFor(schema: ModuleSchema): Promise<ModuleLogin> {
    const fromSecret = await this.credentials?.find(schema);
    return (
      fromSecret ?? {
        username: schema.role,
        password: this.passwordFor(schema),
        source: 'fallback',
      }
    );
  }

  /**
   * Options for a pooled TypeORM DataSource logging in as the module's role; every new pooled
   * connection takes the current password, and a refused one is retried once after the
   * secret is re-read.
   */
  dataSourceOptionsFor(schema: ModuleSchema, applicationName: string): ModuleDataSourceOptions {
    return {
      type: 'postgres',
      url: this.roleUrl(schema).href,
      schema: schema.schema,
      applicationName: `${applicationName}@${this.service}`,
      driver: this.driverFor(schema).pg,
    };
  }

  /**
   * A new, unconnected pg client logging in as the module's role with its current password.
   * For dedicated connections such as LISTEN: `new ChannelListener((name) =>
   * connection.clientFor(schema, name), channel, name)`.
   */
  clientFor(schema: ModuleSchema, applicationName: string): pg.Client {
    const Client = this.driverFor(schema).Client;
    return new Client({
      connectionString: this.roleUrl(schema).href,
      application_name: `${applicationName}@${this.service}`,
    });
  }

  /**
   * Connection URL with the module role's fallback password (SEAM_DB_PASSWORD_<MODULE> or
   * derived), for tests and tools. Refuses when logins come from secrets: use
   * `dataSourceOptionsFor` or `clientFor`, which follow rotations.
   */
  urlFor(schema: ModuleSchema): URL {
    if (this.credentials) {
      throw new Error(
        `urlFor(${schema.module}) cannot know a password kept in a secret: use dataSourceOptionsFor() or clientFor()`,
      );
    }
    const url = this.roleUrl(schema);
    url.password = this.passwordFor(schema);
    return url;
  }

  /** The role's password when it has no secret. */
  passwordFor(schema: ModuleSchema): string {
    const explicit = this.env[`SEAM_DB_PASSWORD_${schema.module.toUpperCase()}`];
    if (explicit) return explicit;
    return createHmac('sha256', decodeURIComponent(this.adminUrl.password))
      .update(`seam-module-role:${schema.role}`)
      .digest('base64url');
  }

  /** For logs and errors: the admin URL without its password. */
  describe(): string {
    return redactUrl(this.adminUrl.href);
  }

  /** The admin URL's host, database and TLS settings, as the module's role, without a password. */
  private roleUrl(schema: ModuleSchema): URL {
    const url = new URL(this.adminUrl.href);
    url.username = schema.role;
    url.password = '';
    return url;
  }

  private driverFor(schema: ModuleSchema): ModuleRoleDriver {
    let driver = this.drivers.get(schema.module);
    if (!driver) {
      driver = moduleRoleDriver({
        current: () => this.loginFor(schema),
        rejected: async (login) => this.credentials?.refreshRejected(schema, login),
      });
      this.drivers.set(schema.module, driver);
    }
    return driver;
  }
}
