/** A start-up configuration value is missing or has the wrong shape. Names the key and what it expects. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(
    readonly key: string,
    readonly expected: string,
    readonly actual: string | undefined,
  ) {
    super(
      `Invalid configuration ${key}: expected ${expected}, got ${actual === undefined ? 'nothing' : JSON.stringify(actual)}`,
    );
  }
}
