import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError } from './config-error.js';
import { EnvReader } from './env-reader.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Process configuration, read once at start-up from the environment (twelve-factor).
 * A bad value fails start-up with the key and the expected shape.
 *
 * @example
 * const config = SeamConfig.fromEnv(process.env);
 * config.port; // 3000 unless PORT is set
 */
export class SeamConfig {
  private constructor(
    /** HTTP port of the front door; 0 picks a free port. */
    readonly port: number,
    /** Administrative connection to an existing PostgreSQL/Aurora; unset = start embedded PostgreSQL. */
    readonly databaseUrl: URL | undefined,
    /** Port for embedded PostgreSQL; unset = a free port. */
    readonly embeddedPostgresPort: number | undefined,
    /** Where embedded PostgreSQL keeps its data between runs. */
    readonly dataDir: string,
    readonly logLevel: LogLevel,
    /** Default deadline of a cross-module request/reply call. */
    readonly callTimeoutMs: number,
    /** Write requests (POST/PUT/PATCH/DELETE) each caller may make per minute. */
    readonly writesPerMinute: number,
    /** Requests without a valid token each client address may make per minute. */
    readonly authFailuresPerMinute: number,
    /**
     * Apply pending migrations before serving (default). `false` in AWS: there the one-off
     * migrate task runs them with the admin login, and services hold only their modules' logins.
     */
    readonly migrateOnStart: boolean = true,
  ) {}

  static fromEnv(
    env: Readonly<Record<string, string | undefined>>,
    cwd = process.cwd(),
  ): SeamConfig {
    const read = new EnvReader(env);
    return new SeamConfig(
      read.integer('PORT', { default: 3000, min: 0, max: 65535 }),
      withVerifiedTls(
        read.url('DATABASE_URL', ['postgres', 'postgresql']),
        read.string('SEAM_DB_CA_FILE'),
        cwd,
      ),
      read.integer('SEAM_PG_PORT', { min: 1, max: 65535 }),
      resolve(cwd, read.string('SEAM_DATA_DIR', { default: '.data' })),
      read.oneOf('LOG_LEVEL', LOG_LEVELS, { default: 'info' }),
      read.integer('SEAM_CALL_TIMEOUT_MS', { default: 5000, min: 1, max: 600000 }),
      read.integer('SEAM_WRITES_PER_MINUTE', { default: 600, min: 1, max: 1_000_000 }),
      read.integer('SEAM_AUTH_FAILURES_PER_MINUTE', { default: 60, min: 1, max: 1_000_000 }),
      read.oneOf('SEAM_MIGRATE_ON_START', ['true', 'false'], { default: 'true' }) === 'true',
    );
  }
}

/**
 * With `SEAM_DB_CA_FILE` (the RDS CA bundle in the image), DATABASE_URL gets
 * `sslmode=verify-full&sslrootcert=<file>`: pg then checks the server's certificate chain
 * against that bundle and its name against the host. Without it the URL is left as given
 * (embedded or local PostgreSQL).
 */
function withVerifiedTls(url: URL | undefined, caFile: string | undefined, cwd: string) {
  if (caFile === undefined) return url;
  if (url === undefined)
    throw new ConfigError('DATABASE_URL', 'a URL when SEAM_DB_CA_FILE is set', undefined);
  const path = resolve(cwd, caFile);
  if (!existsSync(path))
    throw new ConfigError('SEAM_DB_CA_FILE', 'a readable CA bundle file (PEM)', caFile);
  const verified = new URL(url.href);
  verified.searchParams.set('sslmode', 'verify-full');
  verified.searchParams.set('sslrootcert', path);
  return verified;
}
