import { mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { eventually } from '../../../../test/support/eventually.js';
import { FeatureFlags, type FlagChange } from './feature-flags.js';
import { writeFileAtomic } from './flag-document-editor.js';
import { formatJsonDocument } from './flag-document-format.js';
import { FlagDocument } from './flag-document.js';
import { FileFlagSource, type FileFlagSourceOptions } from './file-flag-source.js';
import { FlagsOptions } from './flags-options.js';

const repositoryFile = FlagsOptions.defaults().file;

function recordingLogger() {
  const lines: { level: string; message: string }[] = [];
  const push = (level: string) => (message: string) => void lines.push({ level, message });
  return {
    log: push('log'),
    warn: push('warn'),
    error: push('error'),
    messages: (level: string) =>
      lines.filter((line) => line.level === level).map((line) => line.message),
  };
}

function nextChange(flags: FeatureFlags): Promise<FlagChange> {
  return new Promise((resolve) => {
    const unsubscribe = flags.onChange((change) => {
      unsubscribe();
      resolve(change);
    });
  });
}

describe('flags from the local document', () => {
  let folder: string;
  let file: string;
  let flags: FeatureFlags | undefined;

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'seam-flags-'));
    file = join(folder, 'feature-flags.json');
    await writeFile(file, await readFile(repositoryFile, 'utf8'));
  });

  afterEach(async () => {
    await flags?.stop();
    flags = undefined;
    await rm(folder, { recursive: true, force: true });
  });

  const start = async (options: FileFlagSourceOptions = {}) => {
    const logger = recordingLogger();
    flags = await FeatureFlags.start(new FileFlagSource(file, options), FlagDocument.load(file), {
      logger,
    });
    return { flags, logger };
  };

  /** The document with one flag's values replaced, formatted as the CLI writes it. */
  const documentWith = async (flag: string, value: unknown): Promise<string> => {
    const json = JSON.parse(await readFile(file, 'utf8')) as { values: Record<string, unknown> };
    json.values[flag] = value;
    return formatJsonDocument(json);
  };

  it('reads the values section of the document', async () => {
    const { flags } = await start();
    expect(flags.route('payments')).toEqual({ mode: 'local', percent: 0 });
    expect(flags.isEnabled('express-shipping')).toBe(false);
  });

  it('reloads after the file is edited in place, without a restart', async () => {
    const { flags } = await start();
    const change = nextChange(flags);

    await writeFile(
      file,
      await documentWith('route-payments', { enabled: true, mode: 'canary', percent: 5 }),
    );

    expect((await change).changed).toEqual(['route-payments']);
    expect(flags.route('payments')).toEqual({ mode: 'canary', percent: 5 });
  });

  it('reloads after an editor replaces the file by renaming a new one over it', async () => {
    const { flags } = await start();
    let change = nextChange(flags);

    await writeFileAtomic(
      file,
      await documentWith('express-shipping', { enabled: true, surchargePercent: 75 }),
    );
    expect((await change).changed).toEqual(['express-shipping']);

    // The watch must survive the replacement: a second edit is seen too.
    change = nextChange(flags);
    const replacement = join(folder, 'feature-flags.json.swp');
    await writeFile(
      replacement,
      await documentWith('fraud-check', { enabled: true, maxOrderAmount: 9 }),
    );
    await rename(replacement, file);
    expect((await change).changed).toEqual(['fraud-check']);
    expect(flags.get('fraud-check')).toEqual({ enabled: true, maxOrderAmount: 9 });
  });

  it('notices edits through the stat poll alone', async () => {
    const { flags } = await start({ statIntervalMs: 50, fsWatch: false });
    const change = nextChange(flags);

    await writeFile(
      file,
      await documentWith('route-catalog', { enabled: false, mode: 'local', percent: 0 }),
    );

    expect((await change).changed).toEqual(['route-catalog']);
  });

  it('keeps the values while the file is not valid JSON, and applies it once it is', async () => {
    const { flags, logger } = await start();
    const good = await documentWith('route-shipping', {
      enabled: true,
      mode: 'remote',
      percent: 0,
    });

    await writeFile(file, good.slice(0, 200));
    await eventually(
      () => logger.messages('warn'),
      (warnings) => warnings.length > 0,
      'a warning',
    );
    expect(logger.messages('warn')[0]).toContain('not valid JSON');
    expect(flags.route('shipping').mode).toBe('local');

    const change = nextChange(flags);
    await writeFile(file, good);
    expect((await change).changed).toEqual(['route-shipping']);
  });

  it('rejects an edit that breaks a constraint, naming flag and attribute, and keeps the values', async () => {
    const { flags, logger } = await start();

    await writeFile(
      file,
      await documentWith('route-payments', { enabled: true, mode: 'canary', percent: 101 }),
    );
    await eventually(
      () => logger.messages('error'),
      (errors) => errors.length > 0,
      'a rejection',
    );

    expect(logger.messages('error')[0]).toContain(
      'route-payments.percent: expected a number from 0 to 100, got 101',
    );
    expect(flags.route('payments')).toEqual({ mode: 'local', percent: 0 });
  });
});
