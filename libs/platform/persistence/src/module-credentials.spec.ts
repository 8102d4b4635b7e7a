import { beforeAll, describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import {
  InvalidSecretError,
  SecretNotFoundError,
  SecretStore,
  SecretsOptions,
  type SecretValue,
} from '#platform/secrets';
import { DatabaseConnection } from './database-connection.js';
import { ModuleCredentials, type ModuleLogin } from './module-credentials.js';
import { defineModuleSchema } from './module-schema.js';

/** Secrets in memory, counting reads; `refresh` sees what `set` stored since the last read. */
class MemorySecretStore extends SecretStore {
  readonly stored = new Map<string, SecretValue>();
  private readonly cached = new Map<string, SecretValue>();
  refreshes = 0;

  set(name: string, value: SecretValue): void {
    this.stored.set(name, value);
  }

  override async get(name: string): Promise<SecretValue> {
    return this.cached.get(name) ?? this.refresh(name, false);
  }

  override async refresh(name: string, counted = true): Promise<SecretValue> {
    if (counted) this.refreshes += 1;
    await Promise.resolve();
    const value = this.stored.get(name);
    if (!value) throw new SecretNotFoundError(name);
    this.cached.set(name, value);
    return value;
  }
}

const payments = defineModuleSchema({ module: 'payments', migrations: [] });
const adminUrl = new URL('postgres://admin:admin-password@127.0.0.1:5432/seam');

function connectionWith(source: 'local' | 'secretsmanager') {
  const store = new MemorySecretStore();
  const options = new SecretsOptions(source, 'prod');
  const connection = new DatabaseConnection(adminUrl).withCredentials(
    ModuleCredentials.fromSecrets(store, options),
  );
  return {
    store,
    connection,
    credentials: connection.credentials!,
    secret: 'seam/prod/db/payments',
  };
}

beforeAll(() => Logger.overrideLogger(false));

describe('module logins from secrets', () => {
  it("uses the module's secret when there is one", async () => {
    const { store, connection, secret } = connectionWith('local');
    store.set(secret, { username: 'seam_payments', password: 'from-secret', engine: 'postgres' });

    expect(await connection.loginFor(payments)).toEqual({
      username: 'seam_payments',
      password: 'from-secret',
      source: 'secret',
    });
  });

  it('falls back to the derived password locally when the module has no secret', async () => {
    const { connection } = connectionWith('local');
    const derived = new DatabaseConnection(adminUrl).passwordFor(payments);

    expect(await connection.loginFor(payments)).toEqual({
      username: 'seam_payments',
      password: derived,
      source: 'fallback',
    });
  });

  it('requires the secret when secrets come from Secrets Manager', async () => {
    const { connection } = connectionWith('secretsmanager');

    await expect(connection.loginFor(payments)).rejects.toThrow(
      new SecretNotFoundError('seam/prod/db/payments'),
    );
  });

  it.each([
    [{ password: 'p' }, 'has no "username" string'],
    [{ username: 'seam_payments', password: '' }, 'has no "password" string'],
    [{ username: 'seam_payments', password: 'p', port: 'fivefourthreetwo' }, 'has a "port"'],
    [{ username: 'seam_payments_clone', password: 'p' }, 'names another user than'],
  ])('refuses the secret %j, naming what is wrong but not the password', async (value, problem) => {
    const { store, connection, secret } = connectionWith('secretsmanager');
    store.set(secret, value);

    const error = await connection.loginFor(payments).then(
      () => new Error('expected a refusal'),
      (caught: unknown) => caught as Error,
    );

    expect(error).toBeInstanceOf(InvalidSecretError);
    expect(error.message).toContain(`Secret "${secret}" ${problem}`);
    if (value.password) expect(error.message).not.toContain(`"${value.password}"`);
  });

  it('re-reads a refused secret once for all the connections refused together', async () => {
    const { store, connection, credentials, secret } = connectionWith('secretsmanager');
    store.set(secret, { username: 'seam_payments', password: 'before' });
    const refused = await connection.loginFor(payments);
    store.set(secret, { username: 'seam_payments', password: 'after' });

    await Promise.all(
      Array.from({ length: 5 }, () => credentials.refreshRejected(payments, refused)),
    );
    // Refused later, with the password already replaced: nothing more to read.
    await credentials.refreshRejected(payments, refused);

    expect(store.refreshes).toBe(1);
    expect((await connection.loginFor(payments)).password).toBe('after');
  });

  it('never throws when the secret cannot be re-read', async () => {
    const { store, credentials, secret } = connectionWith('secretsmanager');
    const refused: ModuleLogin = { username: 'seam_payments', password: 'x', source: 'secret' };
    store.stored.delete(secret);

    await expect(credentials.refreshRejected(payments, refused)).resolves.toBeUndefined();
  });

  it('keeps the fallback URL for connections without secrets, and refuses it with them', () => {
    const plain = new DatabaseConnection(adminUrl);
    expect(plain.urlFor(payments).username).toBe('seam_payments');
    expect(plain.urlFor(payments).password).toBe(plain.passwordFor(payments));

    expect(() => connectionWith('local').connection.urlFor(payments)).toThrow(
      /use dataSourceOptionsFor\(\) or clientFor\(\)/,
    );
  });

  it('gives pooled and LISTEN connections the role without any password in their URL', () => {
    const { connection } = connectionWith('secretsmanager');
    const options = connection.dataSourceOptionsFor(payments, 'seam:payments');
    const client = connection.clientFor(payments, 'seam:payments:relay');

    expect(options).toMatchObject({
      type: 'postgres',
      url: 'postgres://seam_payments@127.0.0.1:5432/seam',
      schema: 'payments',
      applicationName: 'seam:payments@monolith',
    });
    expect(client.user).toBe('seam_payments');
    expect(JSON.stringify(options)).not.toContain('admin-password');
  });
});
