/**
 * A secret could not be provided. Every message names the secret and never contains its value,
 * so these errors can be logged as they are.
 */
export abstract class SecretError extends Error {
  constructor(
    readonly secretName: string,
    message: string,
  ) {
    super(message);
  }
}

/** No secret has this name (or, locally, no variable or file holds it). */
export class SecretNotFoundError extends SecretError {
  override readonly name = 'SecretNotFoundError';

  constructor(secretName: string, hint?: string) {
    super(secretName, `Secret "${secretName}" does not exist${hint ? `: ${hint}` : ''}`);
  }
}

/** The secret exists but does not hold what is expected of it, e.g. it is not a JSON object. */
export class InvalidSecretError extends SecretError {
  override readonly name = 'InvalidSecretError';

  constructor(
    secretName: string,
    /** What is wrong, without the value: `is not a JSON object`, `has no "password" string`. */
    readonly problem: string,
  ) {
    super(secretName, `Secret "${secretName}" ${problem}`);
  }
}

/** The secret store could not be asked (access denied, throttled, unreachable, ...). */
export class SecretUnavailableError extends SecretError {
  override readonly name = 'SecretUnavailableError';

  constructor(
    secretName: string,
    /** The store's reason, e.g. `AccessDeniedException: User ... is not authorized ...`. */
    readonly reason: string,
  ) {
    super(secretName, `Secret "${secretName}" could not be read: ${reason}`);
  }
}
