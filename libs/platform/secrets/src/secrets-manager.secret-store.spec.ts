import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SecretsManagerServer } from '../../../../test/support/aws/secrets-manager.server.js';
import {
  InvalidSecretError,
  SecretNotFoundError,
  SecretUnavailableError,
} from './secret-errors.js';
import { SecretsManagerSecretStore } from './secrets-manager.secret-store.js';

const server = new SecretsManagerServer();
let client: SecretsManagerClient;

/** A secret name no other test uses. */
const freshName = () => `seam/test/db/m_${Math.random().toString(36).slice(2, 10)}`;

/** A clock the test moves by hand. */
function manualClock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error as Error,
  );

beforeAll(async () => {
  Logger.overrideLogger(false);
  await server.start();
  client = server.client();
});

afterAll(async () => {
  client.destroy();
  await server.stop();
});

describe('SecretsManagerSecretStore', () => {
  it('reads the secret JSON once and serves it from memory within the TTL', async () => {
    const name = freshName();
    server.put(name, { username: 'seam_payments', password: 'first-password' });
    const clock = manualClock();
    const store = new SecretsManagerSecretStore(client, { ttlMs: 60_000, now: clock.now });

    expect(await store.get(name)).toEqual({
      username: 'seam_payments',
      password: 'first-password',
    });
    clock.advance(59_999);
    server.put(name, { username: 'seam_payments', password: 'second-password' });
    expect((await store.get(name)).password).toBe('first-password');
    expect(server.calls({ secretId: name })).toHaveLength(1);
  });

  it('shares one request among concurrent reads of the same secret', async () => {
    const name = freshName();
    server.put(name, { password: 'shared' });
    const store = new SecretsManagerSecretStore(client);

    const values = await Promise.all(Array.from({ length: 8 }, () => store.get(name)));

    expect(values.map((value) => value.password)).toEqual(Array(8).fill('shared'));
    expect(server.calls({ secretId: name })).toHaveLength(1);
  });

  it('reads the secret again on refresh, and serves the new value from then on', async () => {
    const name = freshName();
    server.put(name, { password: 'before-rotation' });
    const store = new SecretsManagerSecretStore(client);
    await store.get(name);

    server.put(name, { password: 'after-rotation' });
    expect((await store.refresh(name)).password).toBe('after-rotation');
    expect((await store.get(name)).password).toBe('after-rotation');
    expect(server.calls({ secretId: name })).toHaveLength(2);
  });

  it('reads the secret again once the TTL has passed', async () => {
    const name = freshName();
    server.put(name, { password: 'old' });
    const clock = manualClock();
    const store = new SecretsManagerSecretStore(client, { ttlMs: 60_000, now: clock.now });
    await store.get(name);

    server.put(name, { password: 'new' });
    clock.advance(60_000);

    expect((await store.get(name)).password).toBe('new');
    expect(server.calls({ secretId: name })).toHaveLength(2);
  });

  it('keeps serving an expired value while Secrets Manager cannot answer, and re-reads once it can', async () => {
    const name = freshName();
    server.put(name, { password: 'cached' });
    const clock = manualClock();
    const oneAttempt = server.client({ maxAttempts: 1 });
    const store = new SecretsManagerSecretStore(oneAttempt, { ttlMs: 60_000, now: clock.now });
    await store.get(name);

    clock.advance(60_000);
    server.put(name, { password: 'rotated' });
    server.failNext(1, { type: 'ThrottlingException' });
    expect((await store.get(name)).password).toBe('cached');
    expect((await store.get(name)).password).toBe('rotated');
    oneAttempt.destroy();
  });

  it('fails with an error naming a secret that does not exist', async () => {
    const name = freshName();
    const error = await failure(new SecretsManagerSecretStore(client).get(name));

    expect(error).toBeInstanceOf(SecretNotFoundError);
    expect(error).toMatchObject({ secretName: name });
    expect(error.message).toContain(name);
  });

  it('refuses a secret that is not a JSON object without repeating its value', async () => {
    const notJson = freshName();
    const array = freshName();
    server.put(notJson, 'hunter2-plain-text');
    server.put(array, '["hunter2-in-an-array"]');
    const store = new SecretsManagerSecretStore(client);

    for (const [name, value] of [
      [notJson, 'hunter2-plain-text'],
      [array, 'hunter2-in-an-array'],
    ] as const) {
      const error = await failure(store.get(name));
      expect(error).toBeInstanceOf(InvalidSecretError);
      expect(error.message).toBe(`Secret "${name}" is not a JSON object`);
      expect(JSON.stringify(error)).not.toContain(value);
      expect(String(error.stack)).not.toContain(value);
    }
  });

  it('rides out throttling through the SDK retries', async () => {
    const name = freshName();
    server.put(name, { password: 'eventually' });
    server.failNext(2, { operation: 'GetSecretValue' });

    const value = await new SecretsManagerSecretStore(client).get(name);

    expect(value.password).toBe('eventually');
    expect(server.calls({ secretId: name }).map((call) => call.error)).toEqual([
      'ThrottlingException',
      'ThrottlingException',
      undefined,
    ]);
  });

  it('reports a store that keeps failing, and does not remember the failure', async () => {
    const name = freshName();
    server.put(name, { password: 'after-the-outage' });
    const oneAttempt = server.client({ maxAttempts: 1 });
    try {
      const store = new SecretsManagerSecretStore(oneAttempt);
      server.failNext(1, { operation: 'GetSecretValue', type: 'AccessDeniedException' });

      const error = await failure(store.get(name));
      expect(error).toBeInstanceOf(SecretUnavailableError);
      expect(error.message).toMatch(
        new RegExp(`^Secret "${name}" could not be read: AccessDeniedException`),
      );

      expect((await store.get(name)).password).toBe('after-the-outage');
    } finally {
      oneAttempt.destroy();
    }
  });

  it('refuses a name Secrets Manager would not accept, before asking it', async () => {
    const store = new SecretsManagerSecretStore(client);
    const before = server.calls().length;

    await expect(store.get('seam/local/db/payments ')).rejects.toThrow(TypeError);
    expect(server.calls()).toHaveLength(before);
  });
});
