import pg from 'pg';
import type { Logger } from '#platform/observability';
import { EmbeddedPostgresServer } from '#platform/persistence';

/**
 * Embedded PostgreSQL with room for `maxConnections` clients (its default is 100): the order
 * bench holds Seam's module pools (about 60 connections), the baseline's pool (16) and DBOS's
 * two pools (16 + 16) at once, so PostgreSQL is restarted once with the higher limit.
 *
 * @example
 * const postgres = await startBenchPostgres({ dataDir, logger, throwaway: true }, 300);
 */
export async function startBenchPostgres(
  options: { dataDir: string; logger: Logger; throwaway?: boolean },
  maxConnections: number,
): Promise<EmbeddedPostgresServer> {
  const first = await EmbeddedPostgresServer.start(options);
  const client = new pg.Client({ connectionString: first.adminUrl.href });
  try {
    await client.connect();
    const { rows } = await client.query<{ max_connections: string }>('SHOW max_connections');
    if (Number(rows[0]!.max_connections) >= maxConnections) return first;
    await client.query(`ALTER SYSTEM SET max_connections = ${Math.floor(maxConnections)}`);
  } finally {
    await client.end();
  }
  await first.stop();
  return EmbeddedPostgresServer.start(options);
}
