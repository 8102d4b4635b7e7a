import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { projectRoot } from '#platform/config';
import {
  TASK_RESOURCE,
  taskPattern,
  type AslState,
  type WorkflowDefinition,
} from './workflow-definition.js';

type AslValidator = (definition: unknown) => {
  isValid: boolean;
  errorsText: (separator?: string) => string;
};
/** asl-validator (and its schema compiler) is loaded on first use, not with the platform. */
let validator: AslValidator | undefined;
const require = createRequire(import.meta.url);
const validateAsl: AslValidator = (definition) =>
  (validator ??= require('asl-validator') as AslValidator)(definition);

/**
 * Where `npm run build` records the definitions it found valid (`recordLintedWorkflows`). The
 * ASL schema check is the slow part of the lint (asl-validator compiles its JSON schema: about a
 * tenth of the monolith's start-up), so a start-up skips it for a definition recorded there;
 * one edited since the build, or checked with another asl-validator, is checked in full.
 */
export const LINTED_WORKFLOWS_FILE = join(projectRoot(), 'dist', 'linted-workflows.json');

let lintedAtBuild: Set<string> | undefined;

/**
 * The key of a definition in the record: the hash of its text (`WorkflowDefinition.hash`) and
 * the asl-validator that checked it.
 */
function lintKey(definition: WorkflowDefinition): string {
  const { version } = require('asl-validator/package.json') as { version: string };
  return `asl-validator@${version}:${definition.hash}`;
}

function schemaCheckedAtBuild(definition: WorkflowDefinition): boolean {
  if (!lintedAtBuild) {
    try {
      const record = JSON.parse(readFileSync(LINTED_WORKFLOWS_FILE, 'utf8')) as { keys: string[] };
      lintedAtBuild = new Set(record.keys);
    } catch {
      lintedAtBuild = new Set(); // not built, or unreadable: every definition is checked in full
    }
  }
  return lintedAtBuild.has(lintKey(definition));
}

/**
 * Lints every definition in full and records them as checked (`npm run build` does, for the
 * declared workflows). Throws, naming the file and its problems, at the first that cannot run,
 * and then records nothing.
 */
export function recordLintedWorkflows(
  definitions: readonly WorkflowDefinition[],
  file = LINTED_WORKFLOWS_FILE,
): void {
  for (const definition of definitions) {
    const problems = lint(definition, { checkSchema: true });
    if (problems.length > 0) throw cannotRun(definition, problems);
  }
  const keys = definitions.map(lintKey);
  writeFileSync(file, `${JSON.stringify({ keys }, null, 2)}\n`);
  lintedAtBuild = undefined;
}

/** Put this in a state's Comment to allow `HeartbeatSeconds`, which only AWS enforces. */
export const AWS_ONLY_HEARTBEAT_MARKER = '[aws-only: HeartbeatSeconds]';

/** Fields of the JSONata query language, which the local engine silently ignores. */
const JSONATA_FIELDS = ['QueryLanguage', 'Assign', 'Arguments', 'Output'] as const;

/**
 * Problems with a workflow definition, empty when there are none. Beyond the ASL schema
 * (asl-validator), it rejects what would make the local engine and AWS behave differently, and
 * enforces Seam's Task convention (docs/workflows.md):
 * - JSONPath only: no JSONata (`QueryLanguage`, `Assign`, `Arguments`, `Output`, `{% %}`);
 * - no Distributed Map; `HeartbeatSeconds` only with the AWS-only marker in the Comment;
 * - state names unique across the whole definition, including branches and iterators;
 * - every Task sends `{ taskToken, pattern, correlationId, traceparent, input }` to its module's queue,
 *   with a TimeoutSeconds.
 */
export function lintWorkflow(definition: WorkflowDefinition): string[] {
  return lint(definition, { checkSchema: !schemaCheckedAtBuild(definition) });
}

function lint(definition: WorkflowDefinition, { checkSchema }: { checkSchema: boolean }): string[] {
  const problems: string[] = [];
  if (checkSchema) {
    // The validator writes defaults (QueryLanguage) into what it is given.
    const { isValid, errorsText } = validateAsl(JSON.parse(definition.source));
    if (!isValid) problems.push(`not valid Amazon States Language: ${errorsText('; ')}`);
  }
  problems.push(...duplicateKeys(definition.source));
  if ('QueryLanguage' in definition.asl)
    problems.push('QueryLanguage: JSONPath only (the default)');
  if (/"\{%[\s\S]*?%\}"/.test(definition.source))
    problems.push('a JSONata expression ({% … %}): JSONPath only');

  const seen = new Set<string>();
  const visit = (states: Record<string, AslState>) => {
    for (const [name, state] of Object.entries(states)) {
      const at = `state "${name}"`;
      if (seen.has(name)) problems.push(`${at}: the name is used more than once`);
      seen.add(name);
      for (const field of JSONATA_FIELDS)
        if (field in state) problems.push(`${at}: ${field} is JSONata-only; use JSONPath fields`);
      if (
        ('HeartbeatSeconds' in state || 'HeartbeatSecondsPath' in state) &&
        !state.Comment?.includes(AWS_ONLY_HEARTBEAT_MARKER)
      )
        problems.push(
          `${at}: HeartbeatSeconds is enforced by AWS only; say so with "${AWS_ONLY_HEARTBEAT_MARKER}" in its Comment`,
        );
      if (state.Type === 'Task') problems.push(...taskProblems(at, state));
      if (state.Type === 'Map') {
        const processor = (state.ItemProcessor ?? state.Iterator) as
          { States?: Record<string, AslState>; ProcessorConfig?: { Mode?: string } } | undefined;
        if (processor?.ProcessorConfig?.Mode === 'DISTRIBUTED' || 'ItemReader' in state)
          problems.push(`${at}: Distributed Map runs only in AWS`);
        if (processor?.States) visit(processor.States);
      }
      if (state.Type === 'Parallel')
        for (const branch of (state.Branches ?? []) as { States: Record<string, AslState> }[])
          visit(branch.States);
    }
  };
  visit(definition.asl.States);
  return problems;
}

/**
 * `definition` when both engines can run it (`lintWorkflow` finds nothing); otherwise an error
 * that names the file and lists every problem. Where a module is hosted, and at synthesis.
 */
export function runnableWorkflow(definition: WorkflowDefinition): WorkflowDefinition {
  const problems = lintWorkflow(definition);
  if (problems.length > 0) throw cannotRun(definition, problems);
  return definition;
}

function cannotRun(definition: WorkflowDefinition, problems: string[]): Error {
  return new Error(`${definition.file} cannot run:\n- ${problems.join('\n- ')}`);
}

function taskProblems(at: string, state: AslState): string[] {
  const problems: string[] = [];
  if (state.Resource !== TASK_RESOURCE) problems.push(`${at}: Resource must be ${TASK_RESOURCE}`);
  const pattern = taskPattern(state);
  const parameters = (state.Parameters ?? {}) as Record<string, unknown>;
  const body = (parameters.MessageBody ?? {}) as Record<string, unknown>;
  if (!pattern || !/^[a-z][\w-]*\.[\w.-]+$/.test(pattern)) {
    problems.push(
      `${at}: Parameters.MessageBody.pattern must name a module pattern ("<module>.<name>")`,
    );
  } else {
    const queue = `$$.Execution.Input.queues.${pattern.split('.')[0]}`;
    if (parameters['QueueUrl.$'] !== queue)
      problems.push(
        `${at}: Parameters["QueueUrl.$"] must be "${queue}" (the queue of the module that owns ${pattern})`,
      );
  }
  if (body['taskToken.$'] !== '$$.Task.Token')
    problems.push(`${at}: Parameters.MessageBody["taskToken.$"] must be "$$.Task.Token"`);
  if (body['correlationId.$'] !== '$$.Execution.Input.correlationId')
    problems.push(
      `${at}: Parameters.MessageBody["correlationId.$"] must be "$$.Execution.Input.correlationId"`,
    );
  if (body['traceparent.$'] !== '$$.Execution.Input.traceparent')
    problems.push(
      `${at}: Parameters.MessageBody["traceparent.$"] must be "$$.Execution.Input.traceparent"`,
    );
  if (!('input' in body) && !('input.$' in body))
    problems.push(`${at}: Parameters.MessageBody needs the pattern's "input"`);
  if (typeof state.TimeoutSeconds !== 'number')
    problems.push(`${at}: needs TimeoutSeconds (a waiting task never times out in AWS otherwise)`);
  return problems;
}

/** Keys repeated within one JSON object: JSON.parse keeps the last silently. */
function duplicateKeys(source: string): string[] {
  const problems: string[] = [];
  const objects: Set<string>[] = [];
  const token = /"(?:[^"\\]|\\.)*"|[{}[\]:,]|[^\s{}[\]:,"]+/g;
  let previousString: string | undefined;
  for (const [text] of source.matchAll(token)) {
    if (text === '{') objects.push(new Set());
    else if (text === '}') objects.pop();
    else if (text === ':' && previousString !== undefined && objects.length > 0) {
      const keys = objects[objects.length - 1]!;
      const key = JSON.parse(previousString) as string;
      if (keys.has(key))
        problems.push(`key "${key}" appears twice in one object (JSON keeps only the last)`);
      keys.add(key);
    }
    previousString = text.startsWith('"') ? text : undefined;
  }
  return problems;
}
