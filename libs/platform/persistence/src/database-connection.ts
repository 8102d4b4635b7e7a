import { createHmac } from 'node:crypto';
import { redactUrl } from '#platform/config';
import type { ModuleSchema } from './module-schema.js';

/**
 * Where PostgreSQL is and how each module logs in. Built from an administrative URL (the
 * embedded server's, or DATABASE_URL); modules never use the administrative login.
 *
 * A module role's password is `SEAM_DB_PASSWORD_<MODULE>` when set, otherwise derived from the
 * administrative password with HMAC-SHA256, so no extra secret needs storing. The migrator
 * (re)sets it on every run.
 */
export class DatabaseConnection {
  constructor(
    readonly adminUrl: URL,
    private readonly env: Readonly<Record<string, string | undefined>> = {},
  ) {}

  /** Connection URL for one module's role, with the admin URL's host, database and TLS settings. */
  urlFor(schema: ModuleSchema): URL {
    const url = new URL(this.adminUrl.href);
    url.username = schema.role;
    url.password = this.passwordFor(schema);
    return url;
  }

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
}
