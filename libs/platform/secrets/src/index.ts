export { createSecretStore } from './create-secret-store.js';
export { InvalidSecretError, SecretNotFoundError } from './secret-errors.js';
export { SecretStore, type SecretValue } from './secret-store.js';
export { SecretsOptions } from './secrets-options.js';
