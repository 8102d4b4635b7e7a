import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { projectRoot } from '#platform/config';
import { TEST_DATABASE_URL_ENV } from '../support/test-database.js';

/**
 * `npm run module:new` as a newcomer runs it, in a copy of the repository (sources, the build,
 * node_modules linked), so this repository is left as it was: the generated module compiles,
 * its own test passes, the app starts with it and it answers, and the flag document and the
 * synthesized infrastructure have it, with no other file touched by hand.
 */
const NAME = 'ledger';
const root = projectRoot();

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function run(cwd: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      args,
      { cwd, env: { ...process.env, ...env }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** The parts of the repository a module build needs, with node_modules linked. */
async function copyOfRepository(): Promise<string> {
  const copy = await mkdtemp(join(tmpdir(), 'seam-module-new-'));
  const parts = [
    'apps',
    'libs',
    'migrations',
    'terraform',
    'docs',
    'dist',
    'package.json',
    'tsconfig.json',
    'tsconfig.build.json',
    'jest.config.js',
    'eslint.config.js',
    '.prettierrc.json',
    '.prettierignore',
  ];
  for (const part of parts)
    await cp(join(root, part), join(copy, part), {
      recursive: true,
      filter: (source) => !/cdktf\.out|[/\\]\.terraform/.test(source),
    });
  for (const file of [
    'support/new-module-probe.mjs',
    'contracts/asyncapi.spec.ts',
    'architecture/module-boundaries.spec.ts',
    'architecture/module-boundaries.ts',
    'architecture/module-registrations.spec.ts',
    'architecture/module-registrations.ts',
  ]) {
    await mkdir(dirname(join(copy, 'test', file)), { recursive: true });
    await cp(join(root, 'test', file), join(copy, 'test', file));
  }
  await symlink(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');
  // Jest without the shared PostgreSQL: for the unit test and the document checks.
  await writeFile(
    join(copy, 'jest.unit.config.js'),
    `import base from './jest.config.js';\nconst { globalSetup, globalTeardown, reporters, ...unit } = base;\nexport default unit;\n`,
  );
  return copy;
}

describe('npm run module:new', () => {
  let copy: string;
  let generated: Run;
  let database: string;
  const jest = (...args: string[]) =>
    run(copy, [
      '--experimental-vm-modules',
      '--disable-warning=ExperimentalWarning',
      'node_modules/jest/bin/jest.js',
      '--config',
      'jest.unit.config.js',
      ...args,
    ]);

  beforeAll(async () => {
    copy = await copyOfRepository();
    generated = await run(copy, ['dist/apps/monolith/src/module-new.js', NAME]);
  }, 240_000);

  afterAll(async () => {
    if (copy) await rm(copy, { recursive: true, force: true });
    if (database) {
      const admin = new pg.Client({ connectionString: process.env[TEST_DATABASE_URL_ENV] });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.end();
    }
  });

  it('refuses a name that is not lowercase letters and digits, taken or reserved, and says why', async () => {
    const invalid = await run(copy, ['dist/apps/monolith/src/module-new.js', 'gift-cards']);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/"gift-cards" is not a module name: use 2-30 lowercase letters/);
    const taken = await run(copy, ['dist/apps/monolith/src/module-new.js', 'payments']);
    expect(taken).toMatchObject({ code: 1 });
    expect(taken.stderr).toMatch(/A module "payments" exists already/);
    const reserved = await run(copy, ['dist/apps/monolith/src/module-new.js', 'admin']);
    expect(reserved.stderr).toMatch(/"admin" is reserved/);
    const alias = await run(copy, ['dist/apps/monolith/src/module-new.js', 'shared']);
    expect(alias).toMatchObject({ code: 1 });
    expect(alias.stderr).toMatch(/"shared" is reserved/);
  });

  it('writes the module, adds its one line, and writes route-<name> into the flag document', async () => {
    expect(generated).toMatchObject({ code: 0 });
    expect(generated.stdout).toContain(`Added ${NAME} to apps/monolith/src/modules.ts`);
    expect(generated.stdout).toContain(`added route-${NAME}`);
    const modules = await readFile(join(copy, 'apps/monolith/src/modules.ts'), 'utf8');
    expect(modules).toContain(`import { LedgerDeclaration } from '#modules/${NAME}';`);
    expect(modules).toMatch(/NotificationsDeclaration,\n {2}LedgerDeclaration,\n\];/);
    // A second run refuses: the module exists.
    const again = await run(copy, ['dist/apps/monolith/src/module-new.js', NAME]);
    expect(again.stderr).toMatch(/A module "ledger" exists already/);
  });

  it('makes code that type-checks (its test too) and passes lint', async () => {
    await writeFile(
      join(copy, 'tsconfig.module.json'),
      JSON.stringify({
        extends: './tsconfig.json',
        compilerOptions: { noEmit: true },
        // The generator's build checked the rest; its test is not part of the build.
        include: [`libs/modules/${NAME}/src/domain/entry.spec.ts`],
      }),
    );
    const typecheck = await run(copy, [
      'node_modules/typescript/bin/tsc',
      '-p',
      'tsconfig.module.json',
    ]);
    expect(typecheck.stdout + typecheck.stderr).toBe('');
    const lint = await run(copy, [
      'node_modules/eslint/bin/eslint.js',
      `libs/modules/${NAME}`,
      `migrations/${NAME}`,
    ]);
    expect(lint.stdout + lint.stderr).toBe('');
    const prettier = await run(copy, [
      'node_modules/prettier/bin/prettier.cjs',
      '--check',
      `libs/modules/${NAME}`,
      `migrations/${NAME}`,
      'apps/monolith/src/modules.ts',
      'docs/asyncapi.yaml',
      'terraform/appconfig/feature-flags.json',
    ]);
    expect(prettier).toMatchObject({ code: 0 });
  }, 120_000);

  it('makes a module whose domain test passes, within the module boundaries, the registration, the flag document and docs/asyncapi.yaml checks', async () => {
    // One Jest run: the generated test, and the repository checks that must still hold with it.
    const tests = await jest(
      `libs/modules/${NAME}`,
      'apps/monolith/src/flag-document.spec.ts',
      'test/contracts/asyncapi.spec.ts',
      'test/architecture/module-boundaries.spec.ts',
      'test/architecture/module-registrations.spec.ts',
    );
    expect({ code: tests.code, output: tests.code === 0 ? '' : tests.stderr }).toEqual({
      code: 0,
      output: '',
    });
    expect(tests.stderr).toContain(`PASS libs/modules/${NAME}/src/domain/entry.spec.ts`);
    expect(tests.stderr).toMatch(/Test Suites:\s+5 passed, 5 total/);
  }, 120_000);

  it('starts with the app, answers on the bus and over HTTP, owns a schema and role, and shows in the infrastructure', async () => {
    database = `seam_module_new_${process.env.JEST_WORKER_ID ?? '1'}_${Date.now()}`;
    const adminUrl = new URL(process.env[TEST_DATABASE_URL_ENV]!);
    const admin = new pg.Client({ connectionString: adminUrl.href });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.end();
    adminUrl.pathname = `/${database}`;

    const probe = await run(copy, ['test/support/new-module-probe.mjs', NAME, adminUrl.href]);
    expect({ code: probe.code, stderr: probe.code === 0 ? '' : probe.stderr }).toEqual({
      code: 0,
      stderr: '',
    });
    const seen = JSON.parse(probe.stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;

    expect(seen.declared).toBe(true);
    expect(seen.recorded).toEqual({
      id: 'e-1',
      label: 'First entry',
      recordedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(seen.repeated).toEqual(seen.recorded);
    expect(seen.invalid).toBe('VALIDATION_FAILED');
    expect(seen.http).toEqual({ status: 200, body: seen.recorded });
    expect(seen.httpMissing).toMatchObject({ status: 404, body: { code: 'ENTRY_NOT_FOUND' } });
    expect(seen.httpBadId).toMatchObject({ status: 400 });
    expect(seen.database).toEqual({ schema_owner: `seam_${NAME}`, roles: 1, entries: 1 });
    expect(seen.routeFlag).toEqual({ enabled: true, mode: 'local', percent: 0 });
    expect(seen.infrastructure).toEqual({
      queues: expect.arrayContaining([`seam-test-${NAME}`, `seam-test-${NAME}-dlq`]),
      services: [NAME],
      hostedFlags: true,
    });
  }, 120_000);
});
