import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { MODULES } from '#monolith/modules';
import type { ModuleContract } from '#platform/messaging';
import { workflowsOf } from '#platform/runtime';
import { lintWorkflow } from '../../libs/platform/workflows/src/asl-lint.js';
import { type AslState } from '../../libs/platform/workflows/src/workflow-definition.js';

const MODULE_DIRS = readdirSync('libs/modules');

/** Every pattern any module's contract declares. */
async function declaredPatterns(): Promise<Set<string>> {
  const patterns = new Set<string>();
  for (const module of MODULE_DIRS) {
    const contract = (await import(`../../libs/modules/${module}/src/contract/index.js`)) as Record<
      string,
      unknown
    >;
    for (const value of Object.values(contract)) {
      const candidate = value as Partial<ModuleContract>;
      if (candidate?.module === module && candidate.patterns)
        for (const pattern of Object.keys(candidate.patterns)) patterns.add(pattern);
    }
  }
  return patterns;
}

/** Error names that can cross the bus: domain errors of every module, and the platform's own. */
function knownErrorNames(): Set<string> {
  const names = new Set([
    'ModuleTimeoutError',
    'ModuleUnavailableError',
    'PatternNotFoundError',
    'InternalError',
    'ValidationFailedError',
  ]);
  for (const module of MODULE_DIRS) {
    const domain = join('libs/modules', module, 'src/domain');
    for (const file of readdirSync(domain).filter((name) => name.endsWith('.errors.ts')))
      for (const [, name] of readFileSync(join(domain, file), 'utf8').matchAll(
        /export class (\w+Error) extends/g,
      ))
        names.add(name!);
  }
  return names;
}

/** Error names a definition matches on: Retry/Catch ErrorEquals and Choices on `.Error`. */
function matchedErrorNames(states: Record<string, AslState>): string[] {
  return Object.values(states).flatMap((state) => [
    ...[
      ...((state.Retry ?? []) as { ErrorEquals: string[] }[]),
      ...((state.Catch ?? []) as { ErrorEquals: string[] }[]),
    ].flatMap((rule) => rule.ErrorEquals),
    ...((state.Choices ?? []) as { Variable?: string; StringEquals?: string }[])
      .filter((choice) => choice.Variable?.endsWith('.Error') && choice.StringEquals)
      .map((choice) => choice.StringEquals!),
  ]);
}

/** Every ASL file in a module's `workflows/` folder, whether declared or not. */
function workflowFiles(): string[] {
  return MODULE_DIRS.flatMap((module) => {
    const dir = join('libs', 'modules', module, 'workflows');
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((file) => file.endsWith('.asl.json'))
      .map((file) => join(dir, file));
  });
}

describe('workflow definitions of this repository', () => {
  const definitions = workflowsOf(MODULES);

  it('include the order saga, declared by ordering', () => {
    expect(definitions.map((definition) => definition.file)).toContain(
      join('libs', 'modules', 'ordering', 'workflows', 'order-fulfilment.asl.json'),
    );
  });

  it('are every ASL file the modules hold: none is left undeclared (it would never run or deploy)', () => {
    const declared = definitions.map((definition) => definition.file);
    expect(workflowFiles().filter((file) => !declared.includes(file))).toEqual([]);
  });

  it('lint clean', () => {
    expect(
      definitions.flatMap((definition) =>
        lintWorkflow(definition).map((problem) => `${definition.file}: ${problem}`),
      ),
    ).toEqual([]);
  });

  it('call only patterns that a module contract declares', async () => {
    const patterns = await declaredPatterns();
    const unknown = definitions.flatMap((definition) =>
      definition.tasks
        .filter((task) => !patterns.has(task.pattern))
        .map((task) => `${definition.file}: ${task.state} calls ${task.pattern}`),
    );
    expect(unknown).toEqual([]);
  });

  it('match only error names that exist (a typo would never match)', () => {
    const known = knownErrorNames();
    const unknown = definitions.flatMap((definition) =>
      matchedErrorNames(definition.asl.States)
        .filter((name) => !name.startsWith('States.') && !known.has(name))
        .map((name) => `${definition.file}: ${name}`),
    );
    expect(unknown).toEqual([]);
  });
});
