import type { SeamConfig } from '#platform/config';
import type { Logger } from '#platform/observability';
import {
  DatabaseConnection,
  EmbeddedPostgresServer,
  ModuleCredentials,
} from '#platform/persistence';
import { createSecretStore, type SecretsOptions } from '#platform/secrets';

/**
 * The database this process uses: DATABASE_URL when set (nothing is started), otherwise
 * embedded PostgreSQL with its data under SEAM_DATA_DIR. Each module logs in with the
 * credentials of its secret `seam/<env>/db/<module>` (Secrets Manager in AWS, SEAM_SECRET_* or
 * .data/secrets locally), and without one locally with today's derived password.
 */
export async function openDatabase(
  config: SeamConfig,
  secrets: SecretsOptions,
  logger: Logger,
  service = 'monolith',
): Promise<{ connection: DatabaseConnection; stop: () => Promise<void> }> {
  const credentials = ModuleCredentials.fromSecrets(await createSecretStore(secrets), secrets);
  logger.info(secrets.describe(), 'Module database credentials come from their secrets');
  if (config.databaseUrl) {
    const connection = new DatabaseConnection(
      config.databaseUrl,
      process.env,
      credentials,
      service,
    );
    logger.info({ database: connection.describe() }, 'Using the PostgreSQL at DATABASE_URL');
    return { connection, stop: async () => undefined };
  }
  const server = await EmbeddedPostgresServer.start({
    dataDir: config.dataDir,
    port: config.embeddedPostgresPort,
    logger: logger.child({ component: 'EmbeddedPostgres' }),
  });
  return {
    connection: new DatabaseConnection(server.adminUrl, process.env, credentials, service),
    stop: () => server.stop(),
  };
}
