import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { OPENAPI_JSON_PATH } from '#platform/http';
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

  it('names a server and a summary for every operation, for generated clients', () => {
    expect(document.servers).toEqual([{ url: '/', description: 'The host serving this document' }]);
    const paths = document.paths as Record<string, Record<string, { summary?: string }>>;
    for (const [path, operations] of Object.entries(paths))
      for (const [method, operation] of Object.entries(operations))
        expect(`${method} ${path}: ${operation.summary ?? ''}`).toMatch(/: \S/);
  });
});
