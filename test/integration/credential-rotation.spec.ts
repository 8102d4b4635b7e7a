import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DataSource } from 'typeorm';
import { createRootLogger } from '#platform/observability';
import { ModuleCredentials, SchemaMigrator } from '#platform/persistence';
import { SecretNotFoundError, SecretsOptions } from '#platform/secrets';
import { LocalSecretStore } from '../../libs/platform/secrets/src/local.secret-store.js';
import { SecretsManagerSecretStore } from '../../libs/platform/secrets/src/secrets-manager.secret-store.js';
import { SecretsManagerServer } from '../support/aws/secrets-manager.server.js';
import { eventually } from '../support/eventually.js';
import { freshPassword, SecretBackedModule } from '../support/secret-backed-module.js';
import { testDatabase } from '../support/test-database.js';

const INVALID_PASSWORD = '28P01';
const logger = createRootLogger({ level: 'silent', service: 'test' });
const server = new SecretsManagerServer();
let client: SecretsManagerClient;
const probes: SecretBackedModule[] = [];

/** A module whose login is its secret on the loopback Secrets Manager, with a store of its own. */
async function secretBackedModule(password?: string | null) {
  const store = new SecretsManagerSecretStore(client);
  const probe = await SecretBackedModule.create(server, store, logger, password);
  probes.push(probe);
  return probe;
}

const reads = (probe: SecretBackedModule) =>
  server.calls({ operation: 'GetSecretValue', secretId: probe.secretName });

beforeAll(async () => {
  Logger.overrideLogger(false); // the warnings the rotations cause are the redaction spec's business
  await server.start();
  client = server.client();
});

afterAll(async () => {
  for (const probe of probes) await probe.close();
  client.destroy();
  await server.stop();
});

describe('module database credentials from Secrets Manager', () => {
  it("logs the module in with its secret's password, which the migrator gave the role", async () => {
    const probe = await secretBackedModule();
    const { password } = await probe.connection.loginFor(probe.schema);

    const db = await probe.openDataSource();

    expect(await probe.countRows(db)).toBe(3);
    expect(await probe.accepts(password)).toBe(true);
    expect(await probe.accepts(testDatabase().passwordFor(probe.schema))).toBe(INVALID_PASSWORD);
    // Migrator and pool share one store: one read so far.
    expect(reads(probe)).toHaveLength(1);
  });

  it('keeps answering queries through a rotation, re-reading the secret once, and LISTEN logs in again', async () => {
    const probe = await secretBackedModule(freshPassword('first'));
    const db = await probe.openDataSource();
    const listener = await probe.listen();
    const listenerName = `seam:${probe.schema.module}:listener@monolith`;
    for (let i = 0; i < 10; i++) expect(await probe.countRows(db)).toBe(3);

    const rotated = freshPassword('rotated');
    await probe.rotate(rotated);
    await probe.poolDrained(db);

    // Ten at once: the pool opens new connections together, all refused once.
    const together = await Promise.all(Array.from({ length: 10 }, () => probe.countRows(db)));
    expect(together).toEqual(Array(10).fill(3));
    for (let i = 0; i < 10; i++) expect(await probe.countRows(db)).toBe(3);

    const backends = await eventually(
      () => probe.backends(),
      (found) =>
        found.some(
          (backend) => backend.application === listenerName && backend.query.startsWith('LISTEN'),
        ),
      'the LISTEN connection to log in again',
      20_000,
    );
    expect(backends.length).toBeGreaterThan(1);
    expect(await probe.accepts(rotated)).toBe(true);
    expect(reads(probe).map((call) => call.error)).toEqual([undefined, undefined]);
    await listener.stop();
  });

  it('reports the login error, after re-reading the secret, when the secret and the role disagree', async () => {
    const probe = await secretBackedModule();
    const db = await probe.openDataSource();
    expect(await probe.countRows(db)).toBe(3);
    const before = reads(probe).length;

    await probe.rotate(freshPassword('not-in-the-secret'), { updateSecret: false });
    await probe.poolDrained(db);

    await expect(probe.countRows(db)).rejects.toMatchObject({ code: INVALID_PASSWORD });
    expect(reads(probe).length).toBeGreaterThan(before);
  });

  it('fails the migration with an error naming a secret that does not exist', async () => {
    const probe = await secretBackedModule(null);

    await expect(
      new SchemaMigrator(probe.connection, logger).migrate([probe.schema]),
    ).rejects.toThrow(new SecretNotFoundError(probe.secretName));
  });
});

describe('module database credentials without secrets (local)', () => {
  it('keeps the derived password when no local secret holds the module', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'seam-secrets-'));
    try {
      const options = new SecretsOptions('local', 'test', 300_000, dir);
      const connection = testDatabase().withCredentials(
        ModuleCredentials.fromSecrets(new LocalSecretStore(dir, {}), options),
      );
      const probe = await SecretBackedModule.create(
        server,
        new SecretsManagerSecretStore(client),
        logger,
        null,
      );
      probes.push(probe);
      await new SchemaMigrator(connection, logger).migrate([probe.schema]);

      const db = new DataSource({
        ...connection.dataSourceOptionsFor(probe.schema, 'seam:test'),
        entities: [],
      });
      await db.initialize();
      try {
        expect(await probe.countRows(db)).toBe(3);
      } finally {
        await db.destroy();
      }
      expect(await probe.accepts(testDatabase().passwordFor(probe.schema))).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
