import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import openapiTS, { astToString } from 'openapi-typescript';
import { OPENAPI_JSON_PATH } from '../../libs/platform/http/src/openapi.js';
import { startMonolith, type TestApplication } from '../support/test-application.js';

interface LintProblem {
  readonly ruleId: string;
  readonly severity: 'error' | 'warn';
  readonly message: string;
  readonly location: readonly { readonly pointer?: string }[];
}

/** `redocly lint --extends recommended` on the document, as outsiders' tools would run it. */
function redoclyLint(document: unknown): LintProblem[] {
  const file = join(mkdtempSync(join(tmpdir(), 'seam-openapi-')), 'openapi.json');
  writeFileSync(file, JSON.stringify(document, null, 2));
  const result = spawnSync(
    process.execPath,
    [
      'node_modules/@redocly/cli/bin/cli.js',
      'lint',
      '--extends',
      'recommended',
      '--format',
      'json',
      file,
    ],
    {
      encoding: 'utf8',
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    },
  );
  const report = JSON.parse(result.stdout) as { problems: LintProblem[] };
  return report.problems;
}

/**
 * The document as published (`docs/openapi.json`) and the types of the typed client the e2e
 * tests use (`test/support/seam-api.ts`, by openapi-typescript): both must be what the
 * application serves. `npm run openapi` writes them again.
 */
const PUBLISHED = 'docs/openapi.json';
const CLIENT_TYPES = 'test/support/seam-api.ts';
const UPDATE = process.env.SEAM_UPDATE_OPENAPI === '1';

function generatedFile(path: string, content: string): string {
  if (UPDATE) writeFileSync(path, content);
  return readFileSync(path, 'utf8');
}

const describeProblem = (problem: LintProblem) =>
  `${problem.severity} ${problem.ruleId} at ${problem.location[0]?.pointer ?? '?'}: ${problem.message}`;

describe('the OpenAPI document', () => {
  let application: TestApplication;
  let document: Record<string, unknown>;
  let problems: LintProblem[];

  beforeAll(async () => {
    application = await startMonolith({ runWorkflows: false });
    const response = await fetch(`${application.baseUrl}/${OPENAPI_JSON_PATH}`);
    document = (await response.json()) as Record<string, unknown>;
    problems = redoclyLint(document);
  }, 60_000);
  afterAll(() => application?.close());

  it('passes redocly lint with the recommended rules without errors', () => {
    expect(problems.filter((p) => p.severity === 'error').map(describeProblem)).toEqual([]);
  });

  it('has no lint warnings but the probes having no 4XX answer', () => {
    // /health/live and /health/ready answer 200 or 503: a probe has no client error to report.
    const probes = /^#\/paths\/~1health~1(live|ready)\/get\/responses$/;
    const tolerated = (p: LintProblem) =>
      p.ruleId === 'operation-4xx-response' && probes.test(p.location[0]?.pointer ?? '');
    expect(
      problems.filter((p) => p.severity === 'warn' && !tolerated(p)).map(describeProblem),
    ).toEqual([]);
  });

  it('is published in docs/openapi.json and typed for clients as served (npm run openapi)', async () => {
    const published = `${JSON.stringify(document, null, 2)}\n`;
    expect(generatedFile(PUBLISHED, published)).toBe(published);
    const types =
      '// Generated from docs/openapi.json by openapi-typescript (npm run openapi). Do not edit.\n' +
      // A property with a default may still be left out of a request.
      astToString(await openapiTS(document as never, { defaultNonNullable: false }));
    expect(generatedFile(CLIENT_TYPES, types)).toBe(types);
  });

  it('names a server and a summary for every operation, for generated clients', () => {
    expect(document.servers).toEqual([{ url: '/', description: 'The host serving this document' }]);
    const paths = document.paths as Record<string, Record<string, { summary?: string }>>;
    for (const [path, operations] of Object.entries(paths))
      for (const [method, operation] of Object.entries(operations))
        expect(`${method} ${path}: ${operation.summary ?? ''}`).toMatch(/: \S/);
  });
});
