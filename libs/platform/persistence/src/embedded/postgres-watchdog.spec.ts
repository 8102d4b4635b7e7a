import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { eventually } from '../../../../../test/support/eventually.js';
import { isRunning } from '../../../../../test/support/processes.js';
import { isAlive } from './data-dir-lock.js';
import { PostgresWatchdog } from './postgres-watchdog.js';

const STARTER = 'test/support/embedded-postgres-starter.mjs';
/** The build of the watchdog, which the tests' global setup makes. */
const WATCHDOG_MODULE = join(
  process.cwd(),
  'dist/libs/platform/persistence/src/embedded/postgres-watchdog.js',
);
/** A fast shutdown of an idle test cluster takes well under a second. */
const GONE_WITHIN_MS = 5000;

interface Started {
  readonly starter: ChildProcess;
  readonly postmaster: number;
  readonly clusterDir: string;
  readonly exited: Promise<number | null>;
}

/** Runs the starter script in its own Node process; settles once its server accepts connections. */
async function startInChild(dataDir: string, mode: 'throwaway' | 'kept'): Promise<Started> {
  const starter = spawn(process.execPath, [STARTER, dataDir, mode], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => starter.once('exit', resolve));
  let output = '';
  starter.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    starter.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const first = output.split('\n').find((text) => text.startsWith('{'));
      if (first) resolve(first);
    });
    void exited.then((code) => reject(new Error(`The starter exited (${code}):\n${output}`)));
  });
  const { postmaster, clusterDir } = JSON.parse(line) as { postmaster: number; clusterDir: string };
  return { starter, postmaster, clusterDir, exited };
}

const gone = (pid: number, what: string) =>
  eventually(
    () => isRunning(pid),
    (alive) => !alive,
    what,
    GONE_WITHIN_MS,
  );

describe('embedded PostgreSQL whose starter dies', () => {
  let scratch: string;
  let started: Started | undefined;

  beforeEach(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'seam-watchdog-'));
    started = undefined;
  });

  afterEach(async () => {
    // Left by a failed test: nothing else would stop them.
    if (started && isAlive(started.postmaster)) process.kill(started.postmaster, 'SIGQUIT');
    started?.starter.kill('SIGKILL');
    await rm(scratch, { recursive: true, force: true });
  });

  it('stops, and its throwaway data directory is removed, when the starter is killed with SIGKILL', async () => {
    const dataDir = join(scratch, 'run');
    started = await startInChild(dataDir, 'throwaway');
    expect(isAlive(started.postmaster)).toBe(true);

    started.starter.kill('SIGKILL');
    await started.exited;
    await gone(started.postmaster, 'the postmaster to stop');
    await eventually(
      () => existsSync(dataDir),
      (exists) => !exists,
      'the data directory to go',
    );
  }, 20000);

  it('stops cleanly and keeps the data when the starter of a kept data directory is killed', async () => {
    const dataDir = join(scratch, '.data');
    started = await startInChild(dataDir, 'kept');

    started.starter.kill('SIGKILL');
    await started.exited;
    await gone(started.postmaster, 'the postmaster to stop');
    // A fast shutdown, not a crash: PostgreSQL removed its pid file on the way out.
    await eventually(
      () => existsSync(join(started!.clusterDir, 'postmaster.pid')),
      (exists) => !exists,
      'postmaster.pid to be removed',
    );
    expect(existsSync(join(started.clusterDir, 'PG_VERSION'))).toBe(true);
    expect(existsSync(join(dataDir, 'admin-credentials.json'))).toBe(true);
  }, 20000);
});

describe('the watchdog of a server stopped by its starter', () => {
  let scratch: string;
  let standIn: ChildProcess;

  beforeEach(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'seam-watchdog-'));
    // Stands in for a postmaster: any process the watchdog would signal.
    standIn = spawn('sleep', ['60'], { stdio: 'ignore' });
  });

  afterEach(async () => {
    standIn.kill('SIGKILL');
    await rm(scratch, { recursive: true, force: true });
  });

  it('ends when released, touching neither the process nor the throwaway directory', async () => {
    const watchdog = PostgresWatchdog.watch(standIn.pid!, [scratch]);
    const shell = watchdog.pid!;
    expect(isAlive(shell)).toBe(true);

    watchdog.release();
    await gone(shell, 'the watchdog to end');
    expect(standIn.exitCode).toBeNull();
    expect(standIn.signalCode).toBeNull();
    expect(isAlive(standIn.pid!)).toBe(true);
    expect(existsSync(scratch)).toBe(true);
  });

  it('after the server exited on its own, never signals its pid again but still removes the throwaway directory when the starter dies', async () => {
    // A starter whose server exited: it tells its watchdog, then is killed.
    const starter = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { PostgresWatchdog } from ${JSON.stringify(WATCHDOG_MODULE)};
         const watchdog = PostgresWatchdog.watch(${standIn.pid}, [${JSON.stringify(scratch)}]);
         watchdog.serverExited();
         process.stdout.write(String(watchdog.pid));
         setTimeout(() => process.kill(process.pid, 'SIGKILL'), 100);`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let shell = '';
    starter.stdout!.on('data', (chunk: Buffer) => (shell += chunk.toString()));
    await new Promise((resolve) => starter.once('exit', resolve));
    expect(shell).toMatch(/^\d+$/);

    await gone(Number(shell), 'the watchdog to end');
    expect(existsSync(scratch)).toBe(false);
    // The pid it watched, now another process's in this test, was not signalled.
    expect(standIn.signalCode).toBeNull();
    expect(isRunning(standIn.pid!)).toBe(true);
  });
});
