import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { LocalSecretStore } from './local.secret-store.js';
import { InvalidSecretError, SecretNotFoundError } from './secret-errors.js';

let dir: string;

async function writeSecretFile(name: string, text: string): Promise<string> {
  const file = join(dir, `${name}.json`);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, text);
  return file;
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error as Error,
  );

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'seam-secrets-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('LocalSecretStore', () => {
  it('names the environment variable after the secret, upper-cased with _ for the rest', () => {
    expect(LocalSecretStore.variableFor('seam/local/db/payments')).toBe(
      'SEAM_SECRET_SEAM_LOCAL_DB_PAYMENTS',
    );
    expect(LocalSecretStore.variableFor('seam/pr-42/api.key@v2')).toBe(
      'SEAM_SECRET_SEAM_PR_42_API_KEY_V2',
    );
  });

  it('reads the secret JSON from its environment variable', async () => {
    const store = new LocalSecretStore(dir, {
      SEAM_SECRET_SEAM_LOCAL_DB_PAYMENTS: '{"username":"seam_payments","password":"from-env"}',
    });

    expect(await store.get('seam/local/db/payments')).toEqual({
      username: 'seam_payments',
      password: 'from-env',
    });
  });

  it('reads the secret JSON from <dir>/<name>.json, the name’s / as directories', async () => {
    await writeSecretFile('seam/local/db/shipping', '{"username":"seam_shipping","password":"f"}');

    expect(await new LocalSecretStore(dir, {}).get('seam/local/db/shipping')).toEqual({
      username: 'seam_shipping',
      password: 'f',
    });
  });

  it('prefers the environment variable to the file', async () => {
    await writeSecretFile('seam/local/db/catalog', '{"password":"from-file"}');
    const store = new LocalSecretStore(dir, {
      SEAM_SECRET_SEAM_LOCAL_DB_CATALOG: '{"password":"from-env"}',
    });

    expect((await store.get('seam/local/db/catalog')).password).toBe('from-env');
  });

  it('sees an edited file at once', async () => {
    const store = new LocalSecretStore(dir, {});
    await writeSecretFile('seam/local/db/inventory', '{"password":"one"}');
    expect((await store.get('seam/local/db/inventory')).password).toBe('one');

    await writeSecretFile('seam/local/db/inventory', '{"password":"two"}');
    expect((await store.refresh('seam/local/db/inventory')).password).toBe('two');
  });

  it('says where it looked when the secret is missing', async () => {
    const error = await failure(new LocalSecretStore(dir, {}).get('seam/local/db/nowhere'));

    expect(error).toBeInstanceOf(SecretNotFoundError);
    expect(error.message).toBe(
      `Secret "seam/local/db/nowhere" does not exist: set SEAM_SECRET_SEAM_LOCAL_DB_NOWHERE or create ${join(dir, 'seam/local/db/nowhere.json')}`,
    );
  });

  it('refuses a value that is not a JSON object, naming where it came from but not the value', async () => {
    const file = await writeSecretFile('seam/local/db/broken', 'password=hunter2');
    const fromFile = await failure(new LocalSecretStore(dir, {}).get('seam/local/db/broken'));
    const fromEnv = await failure(
      new LocalSecretStore(dir, { SEAM_SECRET_SEAM_LOCAL_DB_BROKEN: '"hunter2"' }).get(
        'seam/local/db/broken',
      ),
    );

    expect(fromFile).toBeInstanceOf(InvalidSecretError);
    expect(fromFile.message).toBe(
      `Secret "seam/local/db/broken" is not a JSON object (in ${file})`,
    );
    expect(fromEnv.message).toBe(
      'Secret "seam/local/db/broken" is not a JSON object (in environment variable SEAM_SECRET_SEAM_LOCAL_DB_BROKEN)',
    );
    for (const error of [fromFile, fromEnv]) expect(error.message).not.toContain('hunter2');
  });

  it('never reads outside its directory', async () => {
    const store = new LocalSecretStore(dir, {});

    await expect(store.get('seam/../../etc/passwd')).rejects.toThrow(TypeError);
    await expect(store.get('/etc/passwd')).rejects.toThrow(TypeError);
  });
});
