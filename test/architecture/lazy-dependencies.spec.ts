import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';

/**
 * Decision 0024: the AWS SDK clients and the OpenTelemetry SDK, exporter and instrumentations
 * are loaded only by a process that uses them. Imports the built application as `npm start`
 * does (the tracing preload, then the platform, the app module and the local workflow
 * interpreter) in a fresh Node with a
 * resolve hook that records every package asked for, and checks none of them is.
 */
const PLATFORM = [
  'config',
  'domain',
  'flags',
  'http',
  'messaging',
  'observability',
  'persistence',
  'runtime',
  'secrets',
  'workflows',
];
const LOADED_ONLY_WHERE_USED = /^(@aws-sdk\/|@opentelemetry\/(sdk-|exporter-|instrumentation))/;

const scratch = mkdtempSync(join(tmpdir(), 'seam-imports-'));
const hooks = join(scratch, 'hooks.mjs');
writeFileSync(
  hooks,
  `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  appendFileSync(process.env.SEAM_IMPORTS_LOG, specifier + '\\n');
  return next(specifier, context);
}`,
);
const register = join(scratch, 'register.mjs');
writeFileSync(
  register,
  `import { register } from 'node:module';\nregister(${JSON.stringify(`file://${hooks}`)});`,
);

/** The packages a fresh Node resolves while importing `specifiers` after the preload. */
function packagesImportedBy(specifiers: readonly string[]): Set<string> {
  const log = join(scratch, `imports-${Math.random().toString(36).slice(2)}.log`);
  writeFileSync(log, '');
  const result = spawnSync(
    process.execPath,
    [
      '--import',
      register,
      '--import',
      './dist/libs/platform/observability/src/tracing-preload.js',
      '--input-type=module',
      '-e',
      specifiers.map((specifier) => `await import(${JSON.stringify(specifier)});`).join('\n'),
    ],
    { encoding: 'utf8', env: { ...process.env, SEAM_IMPORTS_LOG: log, SEAM_TRACING: 'off' } },
  );
  if (result.status !== 0) throw new Error(`The imports failed:\n${result.stderr}`);
  return new Set(
    readFileSync(log, 'utf8')
      .split('\n')
      .filter((specifier) => /^[@a-z]/.test(specifier) && !specifier.startsWith('node:'))
      .map((specifier) =>
        specifier
          .split('/')
          .slice(0, specifier.startsWith('@') ? 2 : 1)
          .join('/'),
      ),
  );
}

describe('what a process loads at start-up', () => {
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('is neither the AWS SDK nor the OpenTelemetry SDK while tracing is off and nothing is remote', () => {
    const packages = packagesImportedBy([
      ...PLATFORM.map((lib) => `#platform/${lib}`),
      '#monolith/monolith.module',
      // The local workflow interpreter, which Seam patches to load its Lambda client at the
      // first Lambda call (Seam's tasks all run on local handlers).
      'aws-local-stepfunctions',
    ]);
    expect(packages).toContain('@nestjs/core');
    expect(packages).toContain('@opentelemetry/api');
    expect([...packages].filter((name) => LOADED_ONLY_WHERE_USED.test(name))).toEqual([]);
  });

  it('is seen: the SQS transport’s own files load the SQS client', () => {
    const packages = packagesImportedBy([
      './dist/libs/platform/messaging/src/sqs/sqs-transport.providers.js',
    ]);
    expect(packages).toContain('@aws-sdk/client-sqs');
  });
});
