import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { LocalSecretStore } from './local.secret-store.js';
import type { SecretStore } from './secret-store.js';
import { SecretsManagerSecretStore } from './secrets-manager.secret-store.js';
import type { SecretsOptions } from './secrets-options.js';

/**
 * The store the options ask for. Secrets Manager's region, credentials and endpoint come from
 * the SDK's own chain (AWS_REGION, the task role, AWS_ENDPOINT_URL_SECRETS_MANAGER, ...).
 *
 * @example
 * const secrets = SecretsOptions.fromEnv(process.env);
 * const store = createSecretStore(secrets);
 */
export function createSecretStore(
  options: SecretsOptions,
  overrides: {
    /** Local source: where `SEAM_SECRET_<NAME>` variables are read; default process.env. */
    readonly env?: Readonly<Record<string, string | undefined>>;
    readonly client?: SecretsManagerClient;
  } = {},
): SecretStore {
  return options.source === 'secretsmanager'
    ? new SecretsManagerSecretStore(overrides.client ?? new SecretsManagerClient({}), {
        ttlMs: options.ttlMs,
      })
    : new LocalSecretStore(options.dir, overrides.env ?? process.env);
}
