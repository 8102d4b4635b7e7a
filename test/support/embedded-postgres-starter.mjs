/* global process */
/**
 * A process that starts embedded PostgreSQL and is then killed or stopped by
 * libs/platform/persistence/src/embedded/postgres-watchdog.spec.ts:
 * `node test/support/embedded-postgres-starter.mjs <dataDir> throwaway|kept`.
 * Prints `{"postmaster":<pid>,"clusterDir":"…"}` as one line once the server accepts connections;
 * a line on stdin then stops the server, prints `stopped` and ends the process. Runs the build
 * in dist/ (`#…` imports), as the tests' global setup does.
 */
import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createRootLogger } from '#platform/observability';
import { EmbeddedPostgresServer } from '#platform/persistence';

const [dataDir, mode] = process.argv.slice(2);
const logger = createRootLogger({ level: 'silent', service: 'test' });
const server = await EmbeddedPostgresServer.start({
  dataDir,
  logger,
  throwaway: mode === 'throwaway',
});
const pidFile = await readFile(join(server.clusterDir, 'postmaster.pid'), 'utf8');
const postmaster = Number.parseInt(pidFile, 10);
process.stdout.write(`${JSON.stringify({ postmaster, clusterDir: server.clusterDir })}\n`);
process.stdin.once('data', async () => {
  await server.stop();
  process.stdout.write('stopped\n');
  process.stdin.destroy();
});
