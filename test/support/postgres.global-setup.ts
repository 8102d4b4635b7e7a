import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRootLogger } from '#platform/observability';
import pg from 'pg';
import { DatabaseConnection, EmbeddedPostgresServer, SchemaMigrator } from '#platform/persistence';

/**
 * One embedded PostgreSQL for the whole run, on a free port in a fresh temporary directory
 * (as root, run by the `postgres` user: see EmbeddedPostgresServer).
 * The schema is migrated once into a template database, and every Jest worker gets its own
 * copy (`seam_test_<worker>`), so test files running in parallel never see each other's work
 * (their workflow runners, for instance, run every pending saga of their database). Test files
 * of one worker run one after another and isolate themselves with fresh ids.
 *
 * Jest loads a global setup's imports natively (untranspiled), so `#…` imports resolve to the
 * build in dist/: `npm test` builds first.
 */
const TEMPLATE_DATABASE = 'seam_template';
/** Worker n's database is this plus n (see testDatabase()). */
const WORKER_DATABASE_PREFIX = 'seam_test_';

export default async function startTestPostgres(globalConfig: {
  maxWorkers: number;
}): Promise<void> {
  if (!existsSync('dist/apps/monolith/src/modules.js')) {
    throw new Error('dist/ is missing: run `npm run build` first (`npm test` does it)');
  }
  const { MODULES } = await import('#monolith/modules');
  const logger = createRootLogger({ level: 'warn', service: 'test' });
  const dataDir = await mkdtemp(join(tmpdir(), 'seam-test-'));
  // A failure to start is an EmbeddedPostgresError: one line saying what to do. Throwaway: should
  // the runner be killed (SIGTERM, SIGKILL, Ctrl-C), the server stops and the directory goes.
  const server = await EmbeddedPostgresServer.start({
    dataDir,
    logger,
    dataDirSetting: 'TMPDIR',
    throwaway: true,
  });
  const admin = new pg.Client({ connectionString: server.adminUrl.href });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
    const template = new URL(server.adminUrl.href);
    template.pathname = `/${TEMPLATE_DATABASE}`;
    await new SchemaMigrator(new DatabaseConnection(template), logger).migrate(
      MODULES.map((hosted) => hosted.schema),
    );
    // Cloning needs the template to be idle, so one clone at a time.
    for (let worker = 1; worker <= Math.max(1, globalConfig.maxWorkers); worker++)
      await admin.query(
        `CREATE DATABASE ${WORKER_DATABASE_PREFIX}${worker} TEMPLATE ${TEMPLATE_DATABASE}`,
      );
  } finally {
    await admin.end();
  }
  process.env.SEAM_TEST_DATABASE_URL = server.adminUrl.href;
  process.env.SEAM_TEST_DATABASE_PREFIX = WORKER_DATABASE_PREFIX;
  (globalThis as { seamTestPostgres?: unknown }).seamTestPostgres = { server, dataDir };
}
