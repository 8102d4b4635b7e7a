import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FeatureFlags, FlagsOptions, writeFileAtomic } from '#platform/flags';
import type { TestApplication } from './test-application.js';

/** A private copy of the repository's flag document, so a test can flip flags freely. */
export async function copyOfFlagDocument(): Promise<{
  options: FlagsOptions;
  remove(): Promise<void>;
}> {
  const dir = await mkdtemp(join(tmpdir(), 'seam-flags-'));
  const file = join(dir, 'feature-flags.json');
  await copyFile(FlagsOptions.defaults().file, file);
  return {
    options: new FlagsOptions('file', file),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/**
 * Edits one flag in the application's flag document, as an operator would, and waits until the
 * running application has applied it.
 */
export async function setFlag(
  application: TestApplication,
  name: string,
  values: Record<string, boolean | number | string>,
): Promise<void> {
  const flags = application.app.get(FeatureFlags);
  const current = flags.get(name) as Record<string, unknown>;
  if (Object.entries(values).every(([key, value]) => current[key] === value)) return;
  const file = application.flagsFile;
  const document = JSON.parse(await readFile(file, 'utf8')) as {
    values: Record<string, Record<string, unknown>>;
  };
  document.values[name] = { ...document.values[name], ...values };
  const applied = new Promise<void>((resolve) => {
    const unsubscribe = flags.onChange(({ changed }) => {
      if (!changed.includes(name)) return;
      unsubscribe();
      resolve();
    });
  });
  await writeFileAtomic(file, `${JSON.stringify(document, null, 2)}\n`);
  await applied;
}
