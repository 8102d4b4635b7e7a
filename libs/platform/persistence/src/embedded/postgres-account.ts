import { execFile, spawnSync } from 'node:child_process';
import { chown } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { promisify } from 'node:util';
import { EmbeddedPostgresError } from './embedded-postgres.error.js';

const run = promisify(execFile);

/**
 * The user embedded PostgreSQL runs as: this process's own, or, when Seam runs as root (which
 * PostgreSQL refuses), the `postgres` system user, created if missing.
 *
 * @example
 * const account = await PostgresAccount.forThisProcess();
 * spawn(binary, args, account.spawnOptions());
 */
export class PostgresAccount {
  private constructor(
    readonly name: string,
    /** Set when PostgreSQL runs as another user than this process. */
    private readonly ids: { readonly uid: number; readonly gid: number } | undefined,
  ) {}

  static async forThisProcess(): Promise<PostgresAccount> {
    const self = userInfo();
    if (self.uid !== 0) return new PostgresAccount(self.username, undefined);
    return new PostgresAccount('postgres', await postgresUserIds());
  }

  /** True when PostgreSQL runs as another user, who may not reach this user's files. */
  get isOtherUser(): boolean {
    return this.ids !== undefined;
  }

  /** For `spawn`: run the child as this account. */
  spawnOptions(): { uid?: number; gid?: number } {
    return this.ids ? { uid: this.ids.uid, gid: this.ids.gid } : {};
  }

  /** Hands a file or directory that Seam made to this account. */
  async own(path: string): Promise<void> {
    if (this.ids) await chown(path, this.ids.uid, this.ids.gid);
  }

  /**
   * Whether this account can enter `dir`: asked of the system as that user, so modes, groups
   * and ACLs of every directory above it count.
   */
  canEnter(dir: string): boolean {
    if (!this.ids) return true;
    const probe = spawnSync('/bin/sh', ['-c', 'cd -- "$1"', 'sh', dir], {
      ...this.spawnOptions(),
      stdio: 'ignore',
    });
    return probe.status === 0;
  }
}

async function postgresUserIds(): Promise<{ uid: number; gid: number }> {
  const ids = async () => {
    const [uid, gid] = await Promise.all([
      run('id', ['-u', 'postgres']),
      run('id', ['-g', 'postgres']),
    ]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  };
  try {
    return await ids();
  } catch {
    // No such user yet: a system user with no home and no login.
  }
  try {
    await run('groupadd', ['--system', '--force', 'postgres']);
    await run('useradd', [
      '--system',
      '--gid',
      'postgres',
      '--no-create-home',
      '--home-dir',
      '/nonexistent',
      '--shell',
      '/usr/sbin/nologin',
      'postgres',
    ]);
    return await ids();
  } catch (error) {
    const detail = ((error as { stderr?: string }).stderr ?? (error as Error).message).trim();
    throw new EmbeddedPostgresError(
      'permission',
      `PostgreSQL does not run as root, and the "postgres" user to run it as could not be created ` +
        `(${detail.split('\n')[0]}): create it (useradd --system postgres), or run Seam as a normal user.`,
    );
  }
}
