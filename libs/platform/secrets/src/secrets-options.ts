import { resolve } from 'node:path';
import { ConfigError, EnvReader } from '#platform/config';

export const SECRET_SOURCES = ['local', 'secretsmanager'] as const;
/** `local`: environment variables and files; `secretsmanager`: AWS Secrets Manager. */
export type SecretSource = (typeof SECRET_SOURCES)[number];

/** Names environments in secret names: `prod`, `staging`, `pr-42`, `local`. */
const ENVIRONMENT = /^[a-z0-9][a-z0-9-]{0,31}$/;
const TTL = { min: 1_000, max: 86_400_000 } as const;

/**
 * Where this process reads its secrets from, and the environment name that scopes their names
 * (`seam/<environment>/…`); immutable, validated when built.
 *
 * @example
 * const options = SecretsOptions.fromEnv(process.env);
 * options.secretName('db', 'payments'); // 'seam/local/db/payments' unless SEAM_ENV is set
 */
export class SecretsOptions {
  constructor(
    readonly source: SecretSource = 'local',
    /** Environment name used in secret names. */
    readonly environment = 'local',
    /** How long a value read from Secrets Manager is kept before it is read again. */
    readonly ttlMs = 300_000,
    /** Local source: directory of `<name>.json` files. */
    readonly dir = resolve('.data/secrets'),
  ) {
    if (!(SECRET_SOURCES as readonly string[]).includes(source)) {
      throw new ConfigError('SEAM_SECRETS_SOURCE', `one of ${SECRET_SOURCES.join(', ')}`, source);
    }
    if (!ENVIRONMENT.test(environment)) {
      throw new ConfigError(
        'SEAM_ENV',
        'an environment name of lower-case letters, digits and -, at most 32, e.g. prod (it is part of secret names: seam/<env>/…)',
        environment,
      );
    }
    if (!Number.isSafeInteger(ttlMs) || ttlMs < TTL.min || ttlMs > TTL.max) {
      throw new ConfigError(
        'SEAM_SECRETS_TTL_MS',
        `an integer from ${TTL.min} to ${TTL.max}`,
        String(ttlMs),
      );
    }
  }

  static defaults(): SecretsOptions {
    return new SecretsOptions();
  }

  /**
   * From `SEAM_SECRETS_SOURCE` (`local` | `secretsmanager`, default `local`), `SEAM_ENV`
   * (default `local`), `SEAM_SECRETS_TTL_MS` (default 300000) and `SEAM_SECRETS_DIR` (default
   * `.data/secrets`, relative to `cwd`).
   */
  static fromEnv(
    env: Readonly<Record<string, string | undefined>>,
    cwd = process.cwd(),
  ): SecretsOptions {
    const read = new EnvReader(env);
    return new SecretsOptions(
      read.oneOf<SecretSource>('SEAM_SECRETS_SOURCE', SECRET_SOURCES, { default: 'local' }),
      read.string('SEAM_ENV', { default: 'local' }),
      read.integer('SEAM_SECRETS_TTL_MS', { default: 300_000, min: TTL.min, max: TTL.max }),
      resolve(cwd, read.string('SEAM_SECRETS_DIR', { default: '.data/secrets' })),
    );
  }

  /** `seam/<environment>/<path…>`: `secretName('db', 'payments')` → `seam/prod/db/payments`. */
  secretName(...path: string[]): string {
    return ['seam', this.environment, ...path].join('/');
  }

  /** For start-up logs. */
  describe(): Record<string, unknown> {
    return this.source === 'local'
      ? { source: this.source, environment: this.environment, dir: this.dir }
      : { source: this.source, environment: this.environment, ttlMs: this.ttlMs };
  }
}
