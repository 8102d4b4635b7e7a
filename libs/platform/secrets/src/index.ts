export { createSecretStore } from './create-secret-store.js';
export { LocalSecretStore } from './local.secret-store.js';
export {
  InvalidSecretError,
  SecretError,
  SecretNotFoundError,
  SecretUnavailableError,
} from './secret-errors.js';
export { assertSecretName, SecretStore, type SecretValue } from './secret-store.js';
export {
  SecretsManagerSecretStore,
  type SecretsManagerStoreOptions,
} from './secrets-manager.secret-store.js';
export { SecretsModule } from './secrets.module.js';
export { SECRET_SOURCES, SecretsOptions, type SecretSource } from './secrets-options.js';
