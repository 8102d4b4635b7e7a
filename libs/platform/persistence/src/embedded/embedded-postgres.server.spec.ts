import { existsSync } from 'node:fs';
import { chmod, lstat, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { createRootLogger } from '#platform/observability';
import {
  EmbeddedPostgresServer,
  SYSTEM_DIRS,
  type SystemDirs,
} from './embedded-postgres.server.js';

const logger = createRootLogger({ level: 'silent', service: 'test' });
const root = process.getuid?.() === 0;

async function query(server: EmbeddedPostgresServer, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: server.adminUrl.href });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

/**
 * Real PostgreSQL in a clone under a home directory that only its owner may enter, the usual
 * case of a container or CI runner where that owner is root.
 */
describe('embedded PostgreSQL with the clone in a private home directory', () => {
  let scratch: string;
  let dataDir: string;
  let systemDirs: SystemDirs;

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'seam-embedded-'));
    await chmod(scratch, 0o755);
    const home = join(scratch, 'home');
    dataDir = join(home, 'clone', '.data');
    await mkdir(dataDir, { recursive: true });
    await chmod(home, 0o700);
    // The shared binaries copy (the test run's own server placed it), a private clusters folder.
    systemDirs = { binaries: SYSTEM_DIRS.binaries, clusters: join(scratch, 'clusters') };
  });

  afterAll(() => rm(scratch, { recursive: true, force: true }));

  it('starts with no setting and keeps the data across restarts', async () => {
    const first = await EmbeddedPostgresServer.start({ dataDir, logger, systemDirs });
    try {
      await query(first, 'CREATE TABLE kept (note text); INSERT INTO kept VALUES ($$survives$$)');
    } finally {
      await first.stop();
    }
    const second = await EmbeddedPostgresServer.start({ dataDir, logger, systemDirs });
    try {
      expect(await query(second, 'SELECT note FROM kept')).toEqual([{ note: 'survives' }]);
      if (root) {
        // The postgres user cannot enter the home: the cluster lives outside, linked from .data.
        expect(second.clusterDir.startsWith(systemDirs.clusters)).toBe(true);
        expect((await lstat(join(dataDir, 'postgres'))).isSymbolicLink()).toBe(true);
      } else {
        expect(second.clusterDir).toBe(join(dataDir, 'postgres'));
      }
    } finally {
      await second.stop();
    }
    expect(existsSync(join(dataDir, 'seam.lock'))).toBe(false);
  });

  it('names a pinned port in use and how to avoid it, and releases the data directory', async () => {
    const squatter: Server = createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const port = (squatter.address() as { port: number }).port;
    try {
      await expect(
        EmbeddedPostgresServer.start({ dataDir, logger, systemDirs, port }),
      ).rejects.toMatchObject({
        name: 'EmbeddedPostgresError',
        reason: 'port-in-use',
        message: expect.stringContaining(`Port ${port} on 127.0.0.1 is already in use`),
      });
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
    const next = await EmbeddedPostgresServer.start({ dataDir, logger, systemDirs });
    await next.stop();
  });

  it('refuses the data of another major version before starting, saying what to do', async () => {
    const oldData = join(scratch, 'old', '.data');
    await mkdir(join(oldData, 'postgres'), { recursive: true });
    // A cluster of a newer major version than the one installed (16, as Aurora runs).
    await writeFile(join(oldData, 'postgres', 'PG_VERSION'), '18\n');
    await expect(
      EmbeddedPostgresServer.start({ dataDir: oldData, logger, systemDirs }),
    ).rejects.toMatchObject({
      reason: 'other-major-version',
      message: expect.stringContaining(
        `The data in ${join(oldData, 'postgres')} was made by PostgreSQL 18`,
      ),
    });
    expect(existsSync(join(oldData, 'seam.lock'))).toBe(false);
  });
});
