import 'reflect-metadata';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { Writable } from 'node:stream';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { Logger as NestPinoLogger } from 'nestjs-pino';
import { createRootLogger, LoggingModule } from '#platform/observability';
import { SchemaMigrator } from '#platform/persistence';
import { SecretsManagerSecretStore } from '../../libs/platform/secrets/src/secrets-manager.secret-store.js';
import { SecretsManagerServer } from '../support/aws/secrets-manager.server.js';
import { eventually } from '../support/eventually.js';
import { freshPassword, SecretBackedModule } from '../support/secret-backed-module.js';
import { testDatabase } from '../support/test-database.js';

/** Every line the root logger writes, as the process would write it to stdout. */
const lines: string[] = [];
const root = createRootLogger(
  { level: 'trace', service: 'test' },
  new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  }),
);
/** Every secret value this spec hands out; none may appear in `lines`. */
const secrets: string[] = [decodeURIComponent(testDatabase().adminUrl.password)];
const secret = (label: string) => {
  const value = freshPassword(label);
  secrets.push(value);
  return value;
};
const logged = () => lines.join('');

const server = new SecretsManagerServer();
let client: SecretsManagerClient;
let app: INestApplicationContext;
const probes: SecretBackedModule[] = [];

async function secretBackedModule(password: string | null) {
  const probe = await SecretBackedModule.create(
    server,
    new SecretsManagerSecretStore(client),
    root,
    password,
  );
  probes.push(probe);
  return probe;
}

beforeAll(async () => {
  // Platform code logs through Nest's Logger: route it to the root logger as the application does.
  app = await NestFactory.createApplicationContext(LoggingModule.forRoot(root), { logger: false });
  app.useLogger(app.get(NestPinoLogger));
  await server.start();
  client = server.client();
});

// Whatever a test did, none of the values handed out so far may have reached the log.
afterEach(() => {
  expect(lines.length).toBeGreaterThan(0);
  for (const value of secrets) expect(logged()).not.toContain(value);
});

afterAll(async () => {
  for (const probe of probes) await probe.close();
  client.destroy();
  await server.stop();
  await app.close();
});

describe('secrets in logs', () => {
  it('logs a secret read by its name only', async () => {
    const probe = await secretBackedModule(secret('loaded'));

    await probe.connection.loginFor(probe.schema);
    root.info({ database: probe.connection.describe() }, 'Using the PostgreSQL at DATABASE_URL');

    expect(logged()).toContain(`"secretName":"${probe.secretName}"`);
    expect(logged()).toContain('"msg":"Secret read"');
  });

  it('logs a rotation, and the reconnects it causes, without the passwords', async () => {
    const probe = await secretBackedModule(secret('before-rotation'));
    const db = await probe.openDataSource();
    await probe.listen();
    await probe.countRows(db);

    await probe.rotate(secret('after-rotation'));
    await probe.poolDrained(db);
    await Promise.all(Array.from({ length: 5 }, () => probe.countRows(db)));
    await eventually(
      () => probe.backends(),
      (found) => found.some((backend) => backend.query.startsWith('LISTEN')),
      'the LISTEN connection to log in again',
      20_000,
    );

    expect(logged()).toContain('re-reading its secret');
    expect(logged()).toContain("The module's secret has changed");
    expect(logged()).toContain('LISTEN connection unavailable');
  });

  it('logs a missing secret by its name only', async () => {
    const probe = await secretBackedModule(null);

    const error = await new SchemaMigrator(probe.connection, root).migrate([probe.schema]).then(
      () => new Error('expected the migration to fail'),
      (caught: unknown) => caught as Error,
    );
    root.fatal({ err: error }, `Start-up failed: ${error.message}`);

    expect(logged()).toContain(`Secret \\"${probe.secretName}\\" does not exist`);
  });

  it('logs a refused login without the passwords', async () => {
    const probe = await secretBackedModule(secret('in-the-secret'));
    const db = await probe.openDataSource();
    await probe.countRows(db);

    await probe.rotate(secret('only-in-postgres'), { updateSecret: false });
    await probe.poolDrained(db);
    const error = await probe.countRows(db).then(
      () => new Error('expected the login to be refused'),
      (caught: unknown) => caught as Error,
    );
    root.error({ err: error }, 'Unexpected error');

    expect(logged()).toContain('password authentication failed');
    expect(logged()).toContain("the role's password and the secret disagree");
  });

  it('redacts credential fields wherever a log line carries them', () => {
    const password = secret('field');
    const token = secret('token');
    root.info(
      {
        password,
        secret: password,
        token,
        accessToken: token,
        SecretString: JSON.stringify({ password }),
        connectionString: `postgres://u:${password}@db/x`,
        options: { password, extra: { password } },
        req: { headers: { authorization: `Bearer ${token}`, cookie: `session=${token}` } },
        response: { headers: { Authorization: `Bearer ${token}` } },
      },
      'Configuration loaded',
    );

    expect(logged()).toContain('"password":"[redacted]"');
  });
});
