import { ConfigError } from './config-error.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Reads typed values from environment variables and fails fast, naming the key and the
 * expected shape, on anything malformed.
 *
 * @example
 * const env = new EnvReader(process.env);
 * const port = env.integer('PORT', { default: 3000, min: 0, max: 65535 });
 */
export class EnvReader {
  constructor(private readonly env: Env) {}

  string(key: string, options: { default: string }): string;
  string(key: string, options?: { default?: string }): string | undefined;
  string(key: string, options: { default?: string } = {}): string | undefined {
    const raw = this.raw(key);
    return raw ?? options.default;
  }

  integer(key: string, options: { default: number; min?: number; max?: number }): number;
  integer(key: string, options?: { min?: number; max?: number }): number | undefined;
  integer(
    key: string,
    options: { default?: number; min?: number; max?: number } = {},
  ): number | undefined {
    const raw = this.raw(key);
    if (raw === undefined) return options.default;
    const { min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER } = options;
    const value = Number(raw);
    if (!/^-?\d+$/.test(raw) || value < min || value > max) {
      throw new ConfigError(key, `an integer from ${min} to ${max}`, raw);
    }
    return value;
  }

  oneOf<T extends string>(key: string, allowed: readonly T[], options: { default: T }): T {
    const raw = this.raw(key);
    if (raw === undefined) return options.default;
    if (!(allowed as readonly string[]).includes(raw)) {
      throw new ConfigError(key, `one of ${allowed.join(', ')}`, raw);
    }
    return raw as T;
  }

  url(key: string, protocols: readonly string[]): URL | undefined {
    const raw = this.raw(key);
    if (raw === undefined) return undefined;
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new ConfigError(key, `a URL (${protocols.join(' or ')})`, redactUrl(raw));
    }
    if (!protocols.includes(url.protocol.replace(/:$/, ''))) {
      throw new ConfigError(key, `a URL with protocol ${protocols.join(' or ')}`, redactUrl(raw));
    }
    return url;
  }

  private raw(key: string): string | undefined {
    const value = this.env[key];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  }
}

/** Hides the password part of a connection URL so it can appear in errors and logs. */
export function redactUrl(raw: string): string {
  return raw.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}
