import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { LocalSecretStore } from './local.secret-store.js';
import type { SecretStore } from './secret-store.js';
import type { SecretsOptions } from './secrets-options.js';

/**
 * The store the options ask for. Secrets Manager's region, credentials and endpoint come from
 * the SDK's own chain (AWS_REGION, the task role, AWS_ENDPOINT_URL_SECRETS_MANAGER, ...); its
 * client is loaded only for that source, so a local process does not pay for it at start-up.
 *
 * @example
 * const secrets = SecretsOptions.fromEnv(process.env);
 * const store = await createSecretStore(secrets);
 */
export async function createSecretStore(
  options: SecretsOptions,
  overrides: {
    /** Local source: where `SEAM_SECRET_<NAME>` variables are read; default process.env. */
    readonly env?: Readonly<Record<string, string | undefined>>;
    readonly client?: SecretsManagerClient;
  } = {},
): Promise<SecretStore> {
  if (options.source !== 'secretsmanager')
    return new LocalSecretStore(options.dir, overrides.env ?? process.env);
  const [{ SecretsManagerClient }, { SecretsManagerSecretStore }] = await Promise.all([
    import('@aws-sdk/client-secrets-manager'),
    import('./secrets-manager.secret-store.js'),
  ]);
  return new SecretsManagerSecretStore(overrides.client ?? new SecretsManagerClient({}), {
    ttlMs: options.ttlMs,
  });
}
