export { createSecretStore } from './create-secret-store.js';
export { LocalSecretStore } from './local.secret-store.js';
export { InvalidSecretError, SecretNotFoundError } from './secret-errors.js';
export { SecretStore, type SecretValue } from './secret-store.js';
export { SecretsModule } from './secrets.module.js';
export { SecretsOptions } from './secrets-options.js';
