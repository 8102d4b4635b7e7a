import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, lstat, mkdir, readlink, rename, symlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Logger } from '#platform/observability';
import { explainSystemError } from './embedded-postgres.error.js';
import type { PostgresAccount } from './postgres-account.js';

/** Where a data directory's PostgreSQL cluster lives. */
export interface ClusterPlacement {
  /** The cluster's real directory. */
  readonly dir: string;
  /** True when it lives outside the data directory, which holds a symbolic link to it. */
  readonly outside: boolean;
}

/**
 * Finds (or chooses, on the first start) where the cluster of `dataDir` lives:
 * `<dataDir>/postgres`, unless PostgreSQL runs as another user (Seam runs as root) who cannot
 * enter `dataDir` (a clone in root's home, mode 0700). Then it lives in
 * `<systemDataDir>/<folder>-<hash of dataDir>`, and `<dataDir>/postgres` links to it, so the
 * data follows the clone when it moves and `ls -l .data` shows where it is.
 *
 * @example
 * const cluster = await placeCluster('/root/seam/.data', account, '/var/lib/seam/postgres', logger);
 * cluster.dir; // /var/lib/seam/postgres/seam-3f2a9c0e1b7d
 */
export async function placeCluster(
  dataDir: string,
  account: PostgresAccount,
  systemDataDir: string,
  logger: Logger,
): Promise<ClusterPlacement> {
  const link = join(dataDir, 'postgres');
  const existing = await lstat(link).catch(() => undefined);
  if (existing?.isSymbolicLink())
    return { dir: resolve(dataDir, await readlink(link)), outside: true };
  if (existing || !account.isOtherUser) return { dir: link, outside: false };

  // The data directory stays Seam's; the other user only passes through it.
  await chmod(dataDir, 0o711);
  if (account.canEnter(dataDir)) return { dir: link, outside: false };

  const dir = join(systemDataDir, `${folderName(dataDir)}-${hashOf(dataDir)}`);
  try {
    await mkdir(systemDataDir, { recursive: true, mode: 0o755 });
    if (existsSync(dir) && !existsSync(join(dataDir, 'admin-credentials.json'))) {
      // Left by a data directory that was deleted (`rm -rf .data`): its password is gone with
      // it, so the cluster cannot be used; kept aside rather than destroyed.
      const aside = `${dir}.orphaned-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      await rename(dir, aside);
      logger.warn(
        { cluster: aside },
        'Moved aside a cluster whose data directory was deleted; remove it when not needed',
      );
    }
    await symlink(dir, link);
  } catch (error) {
    throw explainSystemError(error, 'create', systemDataDir) ?? error;
  }
  logger.info(
    { cluster: dir, link, account: account.name },
    `The ${account.name} user cannot enter ${dataDir}: the cluster lives in ${dir}`,
  );
  return { dir, outside: true };
}

function folderName(dataDir: string): string {
  const name = basename(dirname(resolve(dataDir))).replace(/[^\w.-]/g, '_');
  return name.replace(/^\.+/, '') || 'seam';
}

function hashOf(dataDir: string): string {
  return createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 12);
}
