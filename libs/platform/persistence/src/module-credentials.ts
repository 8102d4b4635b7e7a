import { Logger } from '@nestjs/common';
import {
  InvalidSecretError,
  SecretNotFoundError,
  type SecretStore,
  type SecretsOptions,
  type SecretValue,
} from '#platform/secrets';
import type { ModuleSchema } from './module-schema.js';

/** How a module's role logs in to PostgreSQL. */
export interface ModuleLogin {
  readonly username: string;
  readonly password: string;
  /** `secret`: from the module's secret; `fallback`: SEAM_DB_PASSWORD_<MODULE> or derived. */
  readonly source: 'secret' | 'fallback';
}

/**
 * Module roles' logins kept as secrets, one per module: `seam/<env>/db/<module>`, in the shape
 * RDS and its rotation functions use (`{"username", "password", "host"?, "port"?, "dbname"?,
 * "engine"?}`; only `username` and `password` are used, the location comes from the admin URL).
 * The username must be the module's role (`seam_<module>`): Seam rotates with single-user
 * rotation (see docs/runbooks/rotate-a-database-secret.md).
 *
 * When `required` (Secrets Manager), a missing secret is an error; otherwise (local) a module
 * without a secret falls back to SEAM_DB_PASSWORD_<MODULE> or the derived password.
 *
 * @example
 * const secrets = SecretsOptions.fromEnv(process.env);
 * const credentials = ModuleCredentials.fromSecrets(await createSecretStore(secrets), secrets);
 * const connection = database.connection.withCredentials(credentials);
 */
export class ModuleCredentials {
  private readonly logger = new Logger('ModuleCredentials');
  private readonly refreshing = new Map<string, Promise<void>>();

  constructor(
    private readonly store: SecretStore,
    /** The secret holding a module's login, e.g. `seam/prod/db/payments`. */
    private readonly secretNameOf: (module: string) => string,
    private readonly required: boolean,
  ) {}

  /** Secrets named `seam/<env>/db/<module>`, required when the source is Secrets Manager. */
  static fromSecrets(store: SecretStore, options: SecretsOptions): ModuleCredentials {
    return new ModuleCredentials(
      store,
      (module) => options.secretName('db', module),
      options.source === 'secretsmanager',
    );
  }

  secretNameFor(schema: ModuleSchema): string {
    return this.secretNameOf(schema.module);
  }

  /** The role's login from its secret (possibly cached); undefined when it has none and need not. */
  find(schema: ModuleSchema): Promise<ModuleLogin | undefined> {
    return this.read(schema, (name) => this.store.get(name));
  }

  /**
   * PostgreSQL refused `rejected` (SQLSTATE 28P01). Reads the secret again unless it already
   * changed since `rejected` was handed out (another connection got there first), so a rotation
   * costs one read however many connections notice it. Never throws: a failure is logged, and
   * the caller's next attempt reports the login error.
   */
  refreshRejected(schema: ModuleSchema, rejected: ModuleLogin): Promise<void> {
    // Connections refused together wait for one re-read.
    const pending = this.refreshing.get(schema.module);
    if (pending) return pending;
    const refresh = this.refreshAfter(schema, rejected).finally(() =>
      this.refreshing.delete(schema.module),
    );
    this.refreshing.set(schema.module, refresh);
    return refresh;
  }

  private async refreshAfter(schema: ModuleSchema, rejected: ModuleLogin): Promise<void> {
    const secretName = this.secretNameFor(schema);
    try {
      const known = await this.find(schema);
      // No secret (local fallback): nothing to re-read; the migrator sets that password.
      if (!known) return;
      // Re-read already, by a connection refused earlier.
      if (known.password !== rejected.password) return;
      this.logger.warn(
        { module: schema.module, secretName },
        "PostgreSQL refused the module role's password; re-reading its secret",
      );
      const fresh = await this.read(schema, (name) => this.store.refresh(name));
      if (fresh && fresh.password !== rejected.password) {
        this.logger.log(
          { module: schema.module, secretName },
          "The module's secret has changed; new connections use it",
        );
      } else {
        this.logger.error(
          { module: schema.module, secretName },
          "PostgreSQL refuses the password in the module's secret: the role's password and the secret disagree (see the rotate-a-database-secret runbook)",
        );
      }
    } catch (error) {
      this.logger.error(
        { module: schema.module, secretName, err: error },
        "Could not re-read the module's secret after PostgreSQL refused its password",
      );
    }
  }

  private async read(
    schema: ModuleSchema,
    fetch: (name: string) => Promise<SecretValue>,
  ): Promise<ModuleLogin | undefined> {
    const name = this.secretNameFor(schema);
    let secret: SecretValue;
    try {
      secret = await fetch(name);
    } catch (error) {
      if (error instanceof SecretNotFoundError && !this.required) return undefined;
      throw error;
    }
    return loginFrom(secret, name, schema);
  }
}

/** Checks the RDS secret shape; errors name the field, never its value. */
function loginFrom(secret: SecretValue, name: string, schema: ModuleSchema): ModuleLogin {
  const { username, password } = secret;
  for (const [field, value] of Object.entries({ username, password })) {
    if (typeof value !== 'string' || value === '') {
      throw new InvalidSecretError(
        name,
        `has no "${field}" string (expected {"username": "${schema.role}", "password": "…"})`,
      );
    }
  }
  for (const field of ['host', 'dbname', 'engine'] as const) {
    if (secret[field] !== undefined && typeof secret[field] !== 'string') {
      throw new InvalidSecretError(name, `has a "${field}" that is not a string`);
    }
  }
  if (
    secret.port !== undefined &&
    !(typeof secret.port === 'number' || /^\d+$/.test(String(secret.port)))
  ) {
    throw new InvalidSecretError(name, 'has a "port" that is not a number');
  }
  if (username !== schema.role) {
    throw new InvalidSecretError(
      name,
      `names another user than the module's role ${schema.role} (Seam supports single-user rotation; see docs/runbooks/rotate-a-database-secret.md)`,
    );
  }
  return { username: username as string, password: password as string, source: 'secret' };
}
