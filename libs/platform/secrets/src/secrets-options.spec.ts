import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '#platform/config';
import { createSecretStore } from './create-secret-store.js';
import { LocalSecretStore } from './local.secret-store.js';
import { SecretsManagerSecretStore } from './secrets-manager.secret-store.js';
import { SecretsOptions } from './secrets-options.js';

describe('SecretsOptions.fromEnv', () => {
  it('reads local secrets for the local environment by default', async () => {
    const options = SecretsOptions.fromEnv({}, '/repo');

    expect(options).toMatchObject({
      source: 'local',
      environment: 'local',
      ttlMs: 300_000,
      dir: '/repo/.data/secrets',
    });
    expect(options.secretName('db', 'payments')).toBe('seam/local/db/payments');
    expect(await createSecretStore(options, { env: {} })).toBeInstanceOf(LocalSecretStore);
  });

  it('reads Secrets Manager, the environment name, the TTL and the directory from the environment', async () => {
    const options = SecretsOptions.fromEnv(
      {
        SEAM_SECRETS_SOURCE: 'secretsmanager',
        SEAM_ENV: 'prod',
        SEAM_SECRETS_TTL_MS: '60000',
        SEAM_SECRETS_DIR: 'config/secrets',
      },
      '/repo',
    );

    expect(options).toMatchObject({
      source: 'secretsmanager',
      environment: 'prod',
      ttlMs: 60_000,
      dir: '/repo/config/secrets',
    });
    expect(options.secretName('db', 'payments')).toBe('seam/prod/db/payments');
    expect(await createSecretStore(options)).toBeInstanceOf(SecretsManagerSecretStore);
  });

  it.each([
    ['SEAM_SECRETS_SOURCE', 'vault', 'one of local, secretsmanager'],
    ['SEAM_SECRETS_TTL_MS', 'soon', 'an integer from 1000 to 86400000'],
    ['SEAM_SECRETS_TTL_MS', '0', 'an integer from 1000 to 86400000'],
    [
      'SEAM_ENV',
      'Prod/EU',
      'an environment name of lower-case letters, digits and -, at most 32, e.g. prod (it is part of secret names: seam/<env>/…)',
    ],
  ])('rejects %s=%s, naming the key and the expected shape', (key, value, expected) => {
    let error: unknown;
    try {
      SecretsOptions.fromEnv({ [key]: value });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toMatchObject({ key, expected, actual: value });
  });
});
