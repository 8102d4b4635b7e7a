/** A secret's value: the JSON object stored under its name. */
export type SecretValue = Readonly<Record<string, unknown>>;

/**
 * Where secrets come from: AWS Secrets Manager in AWS, environment variables or files locally,
 * with the same names and the same JSON shapes. Platform code depends on this port only.
 *
 * @example
 * const { username, password } = await store.get('seam/prod/db/payments');
 * // PostgreSQL refused that password: the secret was rotated.
 * const rotated = await store.refresh('seam/prod/db/payments');
 */
export abstract class SecretStore {
  /** The secret's JSON object; may be a cached copy. Fails with a SecretError naming the secret. */
  abstract get(name: string): Promise<SecretValue>;

  /** Reads the secret again now (after a rotation) and returns what `get` returns from then on. */
  abstract refresh(name: string): Promise<SecretValue>;
}

/** The characters AWS Secrets Manager allows in a secret name. */
const SECRET_NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/;

/** @throws TypeError when `name` cannot be a secret name, so a typo fails at once. */
export function assertSecretName(name: string): void {
  if (!SECRET_NAME.test(name)) {
    throw new TypeError(
      `${JSON.stringify(name)} is not a secret name: 1 to 512 letters, digits or / _ + = . @ -`,
    );
  }
}

/** Parses a secret string into its JSON object, or undefined when it is not one. Never echoes it. */
export function parseSecretJson(text: string): SecretValue | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // The parser's message quotes the text: it must not reach an error or a log.
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  return Object.freeze(value as Record<string, unknown>);
}
