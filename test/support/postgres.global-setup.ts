import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRootLogger } from '#platform/observability';
import { DatabaseConnection, EmbeddedPostgresServer, SchemaMigrator } from '#platform/persistence';

/**
 * One embedded PostgreSQL for the whole run, on a free port in a fresh temporary directory,
 * migrated once. Tests isolate themselves with fresh ids rather than by wiping data.
 *
 * Jest loads a global setup's imports natively (untranspiled), so `#…` imports resolve to the
 * build in dist/: `npm test` builds first.
 */
export default async function startTestPostgres(): Promise<void> {
  if (!existsSync('dist/apps/monolith/src/hosted-modules.js')) {
    throw new Error('dist/ is missing: run `npm run build` first (`npm test` does it)');
  }
  const { HOSTED_MODULES } = await import('#monolith/hosted-modules');
  const logger = createRootLogger({ level: 'warn', service: 'test' });
  const dataDir = await mkdtemp(join(tmpdir(), 'seam-test-'));
  const server = await EmbeddedPostgresServer.start({ dataDir, logger });
  await new SchemaMigrator(new DatabaseConnection(server.adminUrl), logger).migrate(
    HOSTED_MODULES.map((hosted) => hosted.schema),
  );
  process.env.SEAM_TEST_DATABASE_URL = server.adminUrl.href;
  (globalThis as { seamTestPostgres?: unknown }).seamTestPostgres = { server, dataDir };
}
