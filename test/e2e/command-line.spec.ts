import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';

/** The built entry points that people run with arguments, by their npm script. */
const COMMANDS = {
  token: 'token.js',
  flags: 'flags-cli.js',
  migrate: 'migrate.js',
  'start:split': 'split.js',
} as const;

function run(
  entry: string,
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const path = join('dist', 'apps', 'monolith', 'src', entry);
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run build\` first`);
  return new Promise((resolve) =>
    execFile(process.execPath, [path, ...args], { timeout: 20_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    ),
  );
}

describe.each(Object.entries(COMMANDS))('npm run %s', (script, entry) => {
  it('answers --help with its usage and exits 0, doing nothing else', async () => {
    const { code, stdout, stderr } = await run(entry, ['--help']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout.startsWith(`usage: npm run ${script}`)).toBe(true);
  });

  it('answers an unknown option with what is wrong and the usage, and exits 2', async () => {
    const { code, stdout, stderr } = await run(entry, ['--no-such-option']);
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toContain("Unknown option '--no-such-option'");
    expect(stderr).toContain(`usage: npm run ${script}`);
  });
});
