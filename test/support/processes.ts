import { spawnSync } from 'node:child_process';

/** Runs `ps` (Linux and macOS alike); a missing `ps` fails the test with a clear message. */
function ps(args: readonly string[]): string {
  const result = spawnSync('ps', args, { encoding: 'utf8' });
  if (result.error) throw new Error(`The tests need ps: ${result.error.message}`);
  return result.stdout ?? '';
}

/**
 * Running: alive and not a zombie. A process that exited stays a zombie (state Z) until its
 * parent reaps it, which PID 1 may do late: such a postmaster has stopped.
 */
export function isRunning(pid: number): boolean {
  const state = ps(['-o', 'stat=', '-p', String(pid)]).trim();
  return state !== '' && !state.startsWith('Z');
}

/** The shell that stops `postmaster` should its starter die (PostgresWatchdog), if there is one. */
export function watchdogOf(postmaster: number): number | undefined {
  const line = ps(['-ww', '-eo', 'pid=,args='])
    .split('\n')
    .find((text) => new RegExp(` seam-postgres-watchdog ${postmaster}( |$)`).test(text));
  return line ? Number.parseInt(line.trim(), 10) : undefined;
}
