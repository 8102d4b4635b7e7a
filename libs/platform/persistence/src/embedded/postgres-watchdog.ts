import { spawn, type ChildProcess } from 'node:child_process';
import type { Socket } from 'node:net';

/** What the starter writes when it stopped the server itself: the watchdog then does nothing. */
const RELEASE = 'release';
/** What the starter writes when the server exited on its own: its pid may soon be another's. */
const EXITED = 'exited';

/**
 * Waits until its stdin says `release` or closes. Closed without a word, the starter died
 * (SIGKILL included): fast shutdown of the postmaster ($1), immediate after 10 s, then removal of
 * the throwaway directories ($2…) once it has exited. After `exited` it never signals that pid
 * again, and only removes the directories when the starter dies. An exited postmaster stays a
 * zombie until its new parent (PID 1) reaps it, which some inits do late or never: `ps` tells
 * (state Z), and where there is no `ps` that can (BusyBox, or none at all), the wait ends after 15 s.
 * The first line makes the name show first in `ps`.
 */
const SCRIPT = `: seam-postgres-watchdog
IFS= read -r word
[ "$word" = ${RELEASE} ] && exit 0
pid=$1; shift; n=0
if [ "$word" = ${EXITED} ]; then
  while IFS= read -r word; do [ "$word" = ${RELEASE} ] && exit 0; done
else
  kill -INT "$pid" 2>/dev/null
  while kill -0 "$pid" 2>/dev/null && [ $n -lt 300 ]; do
    case $(ps -o stat= -p "$pid" 2>/dev/null) in Z*) break ;; esac
    [ $n -eq 200 ] && kill -QUIT "$pid" 2>/dev/null
    n=$((n+1)); sleep 0.05
  done
fi
[ $# -eq 0 ] || rm -rf -- "$@"`;

/**
 * Stops an embedded PostgreSQL server when the process that started it dies, however it dies:
 * a shell (about 1 MB, no Node) whose stdin is a pipe from this process. The kernel closes that
 * pipe when this process ends, even by SIGKILL, which no exit hook or signal handler survives.
 * The shell runs in its own session, so Ctrl-C in a terminal or a signal to this process's group
 * does not end it first. A graceful stop releases it after the server has stopped.
 *
 * @example
 * const watchdog = PostgresWatchdog.watch(postmaster.pid, ['/tmp/seam-test-x1y2z3']);
 * // … later, once the server has stopped:
 * watchdog.release();
 */
export class PostgresWatchdog {
  private constructor(private readonly shell: ChildProcess) {}

  /**
   * Watches the postmaster `pid`; should this process die without releasing the watchdog, the
   * server is stopped and `throwawayDirs` (a test or bench run's scratch data) are removed.
   */
  static watch(pid: number, throwawayDirs: readonly string[]): PostgresWatchdog {
    const shell = spawn(
      '/bin/sh',
      ['-c', SCRIPT, 'seam-postgres-watchdog', String(pid), ...throwawayDirs],
      {
        detached: true,
        stdio: ['pipe', 'ignore', 'ignore'],
      },
    );
    // A watchdog that could not start or was killed has nothing to release: the server still
    // stops on a graceful stop, and on this process's exit hook.
    shell.on('error', () => undefined);
    shell.stdin!.on('error', () => undefined);
    // The watchdog must not keep this process alive.
    shell.unref();
    (shell.stdin as Socket).unref();
    return new PostgresWatchdog(shell);
  }

  /** The watchdog's process id (the shell's). */
  get pid(): number | undefined {
    return this.shell.pid;
  }

  /** Ends the watchdog without it touching anything: call once the server has stopped. */
  release(): void {
    if (!this.shell.stdin!.writableEnded) this.shell.stdin!.end(`${RELEASE}\n`);
  }

  /**
   * The server exited on its own: the watchdog no longer signals its pid, which the system may
   * give to another process, but still removes the throwaway directories should this process die.
   */
  serverExited(): void {
    if (!this.shell.stdin!.writableEnded) this.shell.stdin!.write(`${EXITED}\n`);
  }
}
