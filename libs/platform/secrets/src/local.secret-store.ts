import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  InvalidSecretError,
  SecretNotFoundError,
  SecretUnavailableError,
} from './secret-errors.js';
import {
  assertSecretName,
  parseSecretJson,
  SecretStore,
  type SecretValue,
} from './secret-store.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Secrets on a laptop or in CI, in the same JSON shapes as in Secrets Manager: from the
 * environment variable `SEAM_SECRET_<NAME>` (the name upper-cased, every other character `_`),
 * else from the file `<dir>/<name>.json` (`/` in the name are subdirectories). Read on every
 * call, so an edited file counts at once; `refresh` is `get`.
 *
 * @example
 * // SEAM_SECRET_SEAM_LOCAL_DB_PAYMENTS='{"username":"seam_payments","password":"…"}'
 * // or .data/secrets/seam/local/db/payments.json
 * await new LocalSecretStore('.data/secrets', process.env).get('seam/local/db/payments');
 */
export class LocalSecretStore extends SecretStore {
  constructor(
    /** Directory holding `<name>.json` files. */
    readonly dir: string,
    private readonly env: Env,
  ) {
    super();
  }

  /** `seam/local/db/payments` → `SEAM_SECRET_SEAM_LOCAL_DB_PAYMENTS`. */
  static variableFor(name: string): string {
    return `SEAM_SECRET_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
  }

  /** `seam/local/db/payments` → `<dir>/seam/local/db/payments.json`. */
  fileFor(name: string): string {
    const segments = name.split('/');
    if (segments.some((segment) => segment === '' || segment === '.' || segment === '..')) {
      throw new TypeError(
        `${JSON.stringify(name)} cannot name a local secret file: empty, "." or ".." segment`,
      );
    }
    return `${join(this.dir, ...segments)}.json`;
  }

  override async get(name: string): Promise<SecretValue> {
    assertSecretName(name);
    const variable = LocalSecretStore.variableFor(name);
    const file = this.fileFor(name);
    const fromEnv = this.env[variable];
    if (fromEnv !== undefined && fromEnv.trim() !== '') {
      return parse(name, fromEnv, `environment variable ${variable}`);
    }
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') {
        throw new SecretNotFoundError(name, `set ${variable} or create ${file}`);
      }
      throw new SecretUnavailableError(name, `${file}: ${code ?? (error as Error).message}`);
    }
    return parse(name, text, file);
  }

  override refresh(name: string): Promise<SecretValue> {
    return this.get(name);
  }
}

function parse(name: string, text: string, source: string): SecretValue {
  const value = parseSecretJson(text);
  if (!value) throw new InvalidSecretError(name, `is not a JSON object (in ${source})`);
  return value;
}
