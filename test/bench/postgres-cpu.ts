import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Linux's clock ticks per second for /proc/<pid>/stat (`getconf CLK_TCK`; 100 on Linux). */
const TICKS_PER_SECOND = 100;

/**
 * CPU milliseconds PostgreSQL has used so far: the postmaster's own time, the time of the
 * backends it has reaped (its `cutime`/`cstime`), and that of its live children. From
 * /proc, so Linux only; `undefined` elsewhere.
 *
 * @example
 * const before = postgresCpuMs(postgres.clusterDir);
 * // … load …
 * const used = postgresCpuMs(postgres.clusterDir)! - before!;
 */
export function postgresCpuMs(clusterDir: string): number | undefined {
  try {
    const postmaster = Number(
      readFileSync(join(clusterDir, 'postmaster.pid'), 'utf8').split('\n')[0],
    );
    const own = statOf(postmaster);
    if (!own) return undefined;
    let ticks = own.utime + own.stime + own.cutime + own.cstime;
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const child = statOf(Number(entry));
      if (child?.ppid === postmaster)
        ticks += child.utime + child.stime + child.cutime + child.cstime;
    }
    return (ticks * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

function statOf(pid: number) {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined; // exited in between
  }
  // Fields after the command name, which is in parentheses and may hold spaces: state is [0].
  const fields = text
    .slice(text.lastIndexOf(')') + 2)
    .split(' ')
    .map(Number);
  return {
    ppid: fields[1]!,
    utime: fields[11]!,
    stime: fields[12]!,
    cutime: fields[13]!,
    cstime: fields[14]!,
  };
}
