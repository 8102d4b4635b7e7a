import { existsSync } from 'node:fs';
import { chmod, lstat, mkdir, mkdtemp, readdir, readlink, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createRootLogger } from '#platform/observability';
import { placeCluster } from './cluster-placement.js';
import { PostgresAccount } from './postgres-account.js';

const logger = createRootLogger({ level: 'silent', service: 'test' });
const asRoot = process.getuid?.() === 0 ? it : it.skip;

/** An account as Seam sees it when running as root: another user, who may or may not get in. */
const otherUser = (entersDataDir: boolean) =>
  ({
    name: 'postgres',
    isOtherUser: true,
    canEnter: () => entersDataDir,
  }) as unknown as PostgresAccount;
const sameUser = {
  name: 'me',
  isOtherUser: false,
  canEnter: () => true,
} as unknown as PostgresAccount;

describe('where a data directory’s cluster lives', () => {
  let scratch: string;
  let dataDir: string;
  let systemDir: string;

  beforeEach(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'seam-placement-'));
    dataDir = join(scratch, 'home', 'clone', '.data');
    systemDir = join(scratch, 'var-lib-seam', 'postgres');
    await mkdir(dataDir, { recursive: true });
  });

  afterEach(() => rm(scratch, { recursive: true, force: true }));

  it('is inside the data directory when PostgreSQL runs as this user', async () => {
    expect(await placeCluster(dataDir, sameUser, systemDir, logger)).toEqual({
      dir: join(dataDir, 'postgres'),
      outside: false,
    });
    expect(existsSync(systemDir)).toBe(false);
  });

  it('is inside the data directory when the other user can enter it, which lets it pass', async () => {
    expect(await placeCluster(dataDir, otherUser(true), systemDir, logger)).toEqual({
      dir: join(dataDir, 'postgres'),
      outside: false,
    });
    expect((await lstat(dataDir)).mode & 0o777).toBe(0o711);
  });

  it('is in the system directory, linked from the data directory, when the other user cannot enter it', async () => {
    const placement = await placeCluster(dataDir, otherUser(false), systemDir, logger);
    expect(placement.outside).toBe(true);
    expect(placement.dir).toMatch(new RegExp(`^${systemDir}/clone-[0-9a-f]{12}$`));
    expect(await readlink(join(dataDir, 'postgres'))).toBe(placement.dir);
    // The next start follows the link, whoever can enter what by then.
    expect(await placeCluster(dataDir, otherUser(true), systemDir, logger)).toEqual(placement);
  });

  it('moves aside, not deletes, a cluster whose data directory was deleted, and starts afresh', async () => {
    const first = await placeCluster(dataDir, otherUser(false), systemDir, logger);
    await mkdir(first.dir);
    await writeFile(join(first.dir, 'PG_VERSION'), '18\n');
    await rm(dataDir, { recursive: true }); // `rm -rf .data`: the password went with it
    await mkdir(dataDir);

    const second = await placeCluster(dataDir, otherUser(false), systemDir, logger);
    expect(second.dir).toBe(first.dir);
    expect(existsSync(join(second.dir, 'PG_VERSION'))).toBe(false);
    const aside = (await readdir(systemDir)).filter((name) => name.includes('.orphaned-'));
    expect(aside).toHaveLength(1);
    expect(existsSync(join(systemDir, aside[0]!, 'PG_VERSION'))).toBe(true);
  });

  it('links a cluster again when only the link was deleted (the password is still there)', async () => {
    const first = await placeCluster(dataDir, otherUser(false), systemDir, logger);
    await mkdir(first.dir);
    await writeFile(join(first.dir, 'PG_VERSION'), '18\n');
    await writeFile(join(dataDir, 'admin-credentials.json'), '{}');
    await rm(join(dataDir, 'postgres'));

    expect(await placeCluster(dataDir, otherUser(false), systemDir, logger)).toEqual(first);
    expect(existsSync(join(first.dir, 'PG_VERSION'))).toBe(true);
  });

  asRoot('asks the system whether the postgres user can enter a directory', async () => {
    const account = await PostgresAccount.forThisProcess();
    const home = join(scratch, 'home');
    await chmod(scratch, 0o755);
    await chmod(home, 0o700); // like /root
    await chmod(join(home, 'clone'), 0o755);
    expect(account.canEnter(scratch)).toBe(true);
    expect(account.canEnter(dataDir)).toBe(false);
    await chmod(home, 0o711);
    await chmod(dataDir, 0o711);
    expect(account.canEnter(dataDir)).toBe(true);
  });
});
