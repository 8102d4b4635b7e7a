import { Logger } from '@nestjs/common';
import {
  GetSecretValueCommand,
  ResourceNotFoundException,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import {
  InvalidSecretError,
  SecretNotFoundError,
  SecretUnavailableError,
} from './secret-errors.js';
import {
  assertSecretName,
  parseSecretJson,
  SecretStore,
  type SecretValue,
} from './secret-store.js';

export interface SecretsManagerStoreOptions {
  /** How long a value read is served from memory before the next `get` reads it again. */
  readonly ttlMs?: number;
  /** Milliseconds since the epoch; tests pass a clock they control. */
  readonly now?: () => number;
}

interface Cached {
  readonly value: SecretValue;
  readonly expiresAt: number;
}

/**
 * Secrets from AWS Secrets Manager (`GetSecretValue`, the AWSCURRENT version's SecretString,
 * which must be a JSON object). Values are kept in memory for `ttlMs` (default 5 minutes), so
 * a rotation is picked up within that time, or at once through `refresh`. Concurrent reads of
 * one name share one request. Failures are not cached.
 *
 * @example
 * const store = new SecretsManagerSecretStore(new SecretsManagerClient({}), { ttlMs: 300_000 });
 * const { password } = await store.get('seam/prod/db/payments');
 */
export class SecretsManagerSecretStore extends SecretStore {
  private readonly logger = new Logger('SecretsManagerSecretStore');
  private readonly cache = new Map<string, Cached>();
  private readonly reading = new Map<string, Promise<SecretValue>>();
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(
    private readonly client: SecretsManagerClient,
    options: SecretsManagerStoreOptions = {},
  ) {
    super();
    this.ttlMs = options.ttlMs ?? 300_000;
    this.now = options.now ?? Date.now;
  }

  override async get(name: string): Promise<SecretValue> {
    assertSecretName(name);
    const cached = this.cache.get(name);
    if (cached && cached.expiresAt > this.now()) return cached.value;
    if (!cached) return this.read(name);
    // Expired: a value that cannot be re-read right now (throttling, an outage) is still the
    // best there is. A refused password goes through refresh(), which does not fall back.
    return this.read(name).catch((error: unknown) => {
      if (error instanceof SecretNotFoundError) throw error;
      this.logger.warn(
        { secretName: name, err: error },
        'Could not re-read the secret; using the cached value until it can be',
      );
      return cached.value;
    });
  }

  override async refresh(name: string): Promise<SecretValue> {
    assertSecretName(name);
    return this.read(name);
  }

  /** One request per name at a time: a read already under way answers every caller. */
  private read(name: string): Promise<SecretValue> {
    const pending = this.reading.get(name);
    if (pending) return pending;
    const request = this.fetch(name)
      .then((value) => {
        this.cache.set(name, { value, expiresAt: this.now() + this.ttlMs });
        return value;
      })
      .finally(() => this.reading.delete(name));
    this.reading.set(name, request);
    return request;
  }

  private async fetch(name: string): Promise<SecretValue> {
    let output;
    try {
      output = await this.client.send(new GetSecretValueCommand({ SecretId: name }));
    } catch (error) {
      if (error instanceof ResourceNotFoundException) throw new SecretNotFoundError(name);
      // AWS's messages name the secret or the caller, never the value; no `cause`, so the raw
      // response the SDK keeps on its errors is not logged along with ours.
      const { name: type, message } = error as Error;
      throw new SecretUnavailableError(name, `${type}: ${message}`);
    }
    if (output.SecretString === undefined) {
      throw new InvalidSecretError(name, 'has no SecretString (binary secrets are not supported)');
    }
    const value = parseSecretJson(output.SecretString);
    if (!value) throw new InvalidSecretError(name, 'is not a JSON object');
    this.logger.debug({ secretName: name, versionId: output.VersionId }, 'Secret read');
    return value;
  }
}
