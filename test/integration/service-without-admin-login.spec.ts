import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DataSource } from 'typeorm';
import { SeamConfig } from '#platform/config';
import { createRootLogger } from '#platform/observability';
import { DatabaseConnection, ModuleCredentials } from '#platform/persistence';
import { SecretsOptions } from '#platform/secrets';
import { SecretsManagerSecretStore } from '../../libs/platform/secrets/src/secrets-manager.secret-store.js';
import { SecretsManagerServer } from '../support/aws/secrets-manager.server.js';
import { SecretBackedModule } from '../support/secret-backed-module.js';
import { testDatabase } from '../support/test-database.js';

/**
 * In AWS a service gets DATABASE_URL without a login and SEAM_MIGRATE_ON_START=false; the
 * migrate task (the admin) has created its module roles from their secrets. The service must
 * work with only those secrets (terraform/src/constructs/services.ts).
 */
const logger = createRootLogger({ level: 'silent', service: 'test' });
const server = new SecretsManagerServer();
let client: SecretsManagerClient;
let probe: SecretBackedModule;
let db: DataSource | undefined;

beforeAll(async () => {
  await server.start();
  client = server.client();
  // The migrate task's part: the admin migrates, giving the role its secret's password.
  probe = await SecretBackedModule.create(server, new SecretsManagerSecretStore(client), logger);
});

afterAll(async () => {
  await db?.destroy();
  await probe.close();
  client.destroy();
  await server.stop();
});

describe('a service without the admin login', () => {
  it("starts from DATABASE_URL without a login, skips migrations, and serves as its module's role", async () => {
    const location = new URL(testDatabase().adminUrl.href);
    location.username = '';
    location.password = '';
    const config = SeamConfig.fromEnv({
      DATABASE_URL: location.href,
      SEAM_MIGRATE_ON_START: 'false',
    });
    expect(config.migrateOnStart).toBe(false);
    expect(config.databaseUrl!.password).toBe('');

    const secrets = new SecretsOptions('secretsmanager', 'test');
    const service = new DatabaseConnection(
      config.databaseUrl!,
      {},
      ModuleCredentials.fromSecrets(new SecretsManagerSecretStore(client), secrets),
      'probe-service',
    );
    db = new DataSource({
      ...service.dataSourceOptionsFor(probe.schema, `seam:${probe.schema.module}`),
      entities: [],
    });
    await db.initialize();
    expect(await probe.countRows(db)).toBe(3);
    const [{ user }] = (await db.query('SELECT current_user AS user')) as { user: string }[];
    expect(user).toBe(probe.schema.role);
  });
});
