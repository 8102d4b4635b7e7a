import { open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

/** Another Seam process already uses this data directory. */
export class DataDirInUseError extends Error {
  override readonly name = 'DataDirInUseError';

  constructor(dataDir: string, pid: number) {
    super(
      `Seam is already running with the data in ${dataDir} (process ${pid}). ` +
        `Stop that process first, or start this one with another SEAM_DATA_DIR, ` +
        `or point it at a running PostgreSQL with DATABASE_URL.`,
    );
  }
}

/**
 * An exclusive, crash-tolerant claim on a data directory: a lock file holding the owner's pid,
 * created atomically. A lock whose process is gone (killed with SIGKILL) is taken over.
 */
export class DataDirLock {
  private constructor(private readonly path: string) {}

  /** @returns the lock, and whether a dead owner's lock was taken over. */
  static async acquire(dataDir: string): Promise<{ lock: DataDirLock; tookOverStale: boolean }> {
    const path = join(dataDir, 'seam.lock');
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const file = await open(path, 'wx', 0o600);
        await file.writeFile(`${process.pid}\n`);
        await file.close();
        return { lock: new DataDirLock(path), tookOverStale: attempt > 0 };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const owner = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10);
      if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) {
        throw new DataDirInUseError(dataDir, owner);
      }
      await rm(path, { force: true });
    }
    throw new Error(`Could not lock ${dataDir}: another process keeps taking it`);
  }

  async release(): Promise<void> {
    await rm(this.path, { force: true });
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
