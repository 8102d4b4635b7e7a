import { spawnSync } from 'node:child_process';
import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createRootLogger } from '#platform/observability';
import { PostgresAccount } from './postgres-account.js';
import { PostgresBinaries } from './postgres-binaries.js';

const logger = createRootLogger({ level: 'silent', service: 'test' });
const asRoot = process.getuid?.() === 0 ? it : it.skip;

describe('the PostgreSQL binaries, placed where the postgres user can run them', () => {
  let scratch: string;
  let cacheDir: string;
  let installed: PostgresBinaries;
  let placed: PostgresBinaries;

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'seam-binaries-'));
    await chmod(scratch, 0o755); // like /var/cache
    cacheDir = join(scratch, 'seam');
    installed = await PostgresBinaries.installed();
    placed = await installed.placedIn(cacheDir, logger);
  });

  afterAll(() => rm(scratch, { recursive: true, force: true }));

  it('copies them once into a folder named by version and content, with every checksum recorded', async () => {
    expect(placed.root).toMatch(
      new RegExp(`^${cacheDir}/postgres-${installed.version}-[0-9a-f]{16}$`),
    );
    expect(placed.majorVersion).toBe(installed.majorVersion);
    const record = JSON.parse(await readFile(join(placed.root, 'seam-placement.json'), 'utf8')) as {
      entries: { path: string; sha256?: string; link?: string }[];
    };
    const postgres = record.entries.find((entry) => entry.path === 'bin/postgres');
    expect(postgres?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(record.entries.filter((entry) => !entry.link && !entry.sha256)).toEqual([]);
    expect((await stat(placed.postgres)).mode & 0o777).toBe(0o755);
    expect((await stat(join(placed.root, 'share'))).mode & 0o777).toBe(0o755);
  });

  it('reuses the copy on later starts, leaving nothing else behind', async () => {
    const before = (await stat(join(placed.root, 'seam-placement.json'))).mtimeMs;
    const again = await installed.placedIn(cacheDir, logger);
    expect(again.root).toBe(placed.root);
    expect((await stat(join(placed.root, 'seam-placement.json'))).mtimeMs).toBe(before);
    expect(await readdir(cacheDir)).toEqual([placed.root.split('/').at(-1)]);
  });

  it('replaces a copy that was not finished', async () => {
    await rm(join(placed.root, 'seam-placement.json'));
    await writeFile(join(placed.root, 'bin', 'postgres'), 'truncated');
    const again = await installed.placedIn(cacheDir, logger);
    expect(again.root).toBe(placed.root);
    expect((await stat(again.postgres)).size).toBe((await stat(installed.postgres)).size);
  });

  it('refuses a cache directory that others may write to', async () => {
    await chmod(cacheDir, 0o777);
    try {
      await expect(installed.placedIn(cacheDir, logger)).rejects.toMatchObject({
        name: 'EmbeddedPostgresError',
        reason: 'permission',
        message: expect.stringContaining(`${cacheDir} belongs to another user or others may write`),
      });
    } finally {
      await chmod(cacheDir, 0o755);
    }
  });

  asRoot('are run by the postgres user from the copy', async () => {
    const account = await PostgresAccount.forThisProcess();
    const version = spawnSync(placed.postgres, ['--version'], {
      ...account.spawnOptions(),
      encoding: 'utf8',
    });
    expect(version.status).toBe(0);
    expect(version.stdout).toContain(`PostgreSQL) ${installed.majorVersion}`);
  });
});
