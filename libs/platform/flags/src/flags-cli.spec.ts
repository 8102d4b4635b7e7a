import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import * as prettier from 'prettier';
import { FlagDocument } from './flag-document.js';
import { projectRoot } from '#platform/config';
import { FlagsOptions } from './flags-options.js';

const cli = join(projectRoot(), 'dist', 'apps', 'monolith', 'src', 'flags-cli.js');
const repositoryFile = FlagsOptions.defaults().file;

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `npm run flags -- <args>` against `file`, as a child process of the built CLI. */
function flagsCli(file: string, ...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cli, ...args],
      { env: { ...process.env, SEAM_FLAGS_FILE: file }, cwd: tmpdir() },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('npm run flags', () => {
  let folder: string;
  let file: string;
  let original: string;

  beforeAll(() => {
    if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm run build first`);
  });

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'seam-flags-cli-'));
    file = join(folder, 'feature-flags.json');
    original = await readFile(repositoryFile, 'utf8');
    await writeFile(file, original);
  });

  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  const valuesOf = async (flag: string) =>
    FlagDocument.load(file).defaults[flag] as Record<string, unknown>;

  it('lists every flag with its state and attributes', async () => {
    const run = await flagsCli(file, 'list');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(8);
    expect(lines).toContainEqual(
      expect.stringMatching(/^route-payments\s+on\s+mode=local percent=0$/),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^express-shipping\s+off\s+surchargePercent=100$/),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^fraud-check\s+off\s+maxOrderAmount=100000$/),
    );
  });

  it('sets attributes, parsing each by its type, and prints what changed', async () => {
    const run = await flagsCli(file, 'set', 'route-payments', 'mode=remote', 'percent=50');

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('route-payments.mode: "local" → "remote"');
    expect(run.stdout).toContain('route-payments.percent: 0 → 50');
    expect(await valuesOf('route-payments')).toEqual({
      enabled: true,
      mode: 'remote',
      percent: 50,
    });
  });

  it('enables and disables a flag', async () => {
    expect((await flagsCli(file, 'enable', 'express-shipping')).stdout).toContain(
      'express-shipping.enabled: false → true',
    );
    expect((await valuesOf('express-shipping')).enabled).toBe(true);

    expect((await flagsCli(file, 'disable', 'route-catalog')).code).toBe(0);
    expect(await valuesOf('route-catalog')).toEqual({ enabled: false, mode: 'local', percent: 0 });
  });

  it('changes only the edited lines, keeps Prettier formatting, and leaves no temporary file', async () => {
    await flagsCli(file, 'set', 'fraud-check', 'maxOrderAmount=250000', 'enabled=true');

    const text = await readFile(file, 'utf8');
    const before = original.split('\n');
    const after = text.split('\n');
    expect(after).toHaveLength(before.length);
    expect(after.filter((line, index) => line !== before[index])).toEqual([
      '      "enabled": true,',
      '      "maxOrderAmount": 250000',
    ]);
    const config = await prettier.resolveConfig(repositoryFile);
    expect(await prettier.format(text, { ...config, filepath: repositoryFile })).toBe(text);
    expect(await readdir(folder)).toEqual(['feature-flags.json']);
  });

  it('says so and writes nothing when nothing changes', async () => {
    const run = await flagsCli(file, 'disable', 'fraud-check');
    expect(run).toMatchObject({ code: 0 });
    expect(run.stdout).toContain('nothing changed');
    expect(await readFile(file, 'utf8')).toBe(original);
  });

  it.each([
    [['enable', 'route-billing'], 'route-billing: unknown flag (defined: route-catalog,'],
    [
      ['set', 'route-payments', 'colour=red'],
      'route-payments.colour: unknown attribute (route-payments defines enabled, mode, percent)',
    ],
    [
      ['set', 'route-payments', 'mode=far'],
      'route-payments.mode: expected one of local|shadow|canary|remote, got "far"',
    ],
    [
      ['set', 'route-payments', 'percent=150'],
      'route-payments.percent: expected a number from 0 to 100, got 150',
    ],
    [
      ['set', 'route-payments', 'percent=half'],
      'route-payments.percent: expected a number, got "half"',
    ],
    [
      ['set', 'fraud-check', 'maxOrderAmount=0'],
      'fraud-check.maxOrderAmount: expected a number >= 1, got 0',
    ],
    [
      ['set', 'express-shipping', 'enabled=yes'],
      'express-shipping.enabled: expected true or false, got "yes"',
    ],
    [['set', 'route-payments', 'remote'], 'route-payments: expected attribute=value, got "remote"'],
  ])('refuses %j with a clear message and leaves the file alone', async (args, message) => {
    const run = await flagsCli(file, ...args);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(message);
    expect(await readFile(file, 'utf8')).toBe(original);
  });

  it('prints usage for an unknown command', async () => {
    const run = await flagsCli(file, 'flip', 'route-payments');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('usage: npm run flags -- list');
  });

  it('refuses to edit a document that is already broken, naming the problem', async () => {
    await writeFile(file, original.replace('"mode": "local"', '"mode": "lokal"'));
    const run = await flagsCli(file, 'enable', 'express-shipping');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'route-catalog.mode: expected one of local|shadow|canary|remote, got "lokal"',
    );
  });
});
