import type { SeamConfig } from '#platform/config';
import type { Logger } from '#platform/observability';
import { DatabaseConnection, EmbeddedPostgresServer } from '#platform/persistence';

/**
 * The database this process uses: DATABASE_URL when set (nothing is started), otherwise
 * embedded PostgreSQL with its data under SEAM_DATA_DIR.
 */
export async function openDatabase(
  config: SeamConfig,
  logger: Logger,
): Promise<{ connection: DatabaseConnection; stop: () => Promise<void> }> {
  if (config.databaseUrl) {
    const connection = new DatabaseConnection(config.databaseUrl, process.env);
    logger.info({ database: connection.describe() }, 'Using the PostgreSQL at DATABASE_URL');
    return { connection, stop: async () => undefined };
  }
  const server = await EmbeddedPostgresServer.start({
    dataDir: config.dataDir,
    port: config.embeddedPostgresPort,
    logger: logger.child({ component: 'EmbeddedPostgres' }),
  });
  return {
    connection: new DatabaseConnection(server.adminUrl, process.env),
    stop: () => server.stop(),
  };
}
