import { describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AWS_ONLY_HEARTBEAT_MARKER,
  lintWorkflow,
  recordLintedWorkflows,
  runnableWorkflow,
} from './asl-lint.js';
import { TASK_RESOURCE, WorkflowDefinition } from './workflow-definition.js';

const task = (pattern: string, extra: Record<string, unknown> = {}) => ({
  Type: 'Task',
  Resource: TASK_RESOURCE,
  Parameters: {
    'QueueUrl.$': `$$.Execution.Input.queues.${pattern.split('.')[0]}`,
    MessageBody: {
      'taskToken.$': '$$.Task.Token',
      pattern,
      'correlationId.$': '$$.Execution.Input.correlationId',
      'traceparent.$': '$$.Execution.Input.traceparent',
      input: { 'orderId.$': '$.orderId' },
    },
  },
  TimeoutSeconds: 30,
  End: true,
  ...extra,
});

const lint = (definition: unknown, source = JSON.stringify(definition, null, 2)) =>
  lintWorkflow(WorkflowDefinition.parse('demo', 'demo', 'demo.asl.json', source));

describe('lintWorkflow', () => {
  it('accepts a JSONPath definition that follows the Task convention', () => {
    expect(lint({ StartAt: 'Reserve', States: { Reserve: task('inventory.reserve') } })).toEqual(
      [],
    );
  });

  it('rejects what the local engine would silently ignore', () => {
    const problems = lint({
      QueryLanguage: 'JSONata',
      StartAt: 'Reserve',
      States: {
        Reserve: task('inventory.reserve', {
          Assign: { x: 1 },
          Output: '{% $states.result %}',
          HeartbeatSeconds: 10,
        }),
      },
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('QueryLanguage'),
        expect.stringContaining('JSONata expression'),
        expect.stringContaining('state "Reserve": Assign is JSONata-only'),
        expect.stringContaining('state "Reserve": Output is JSONata-only'),
        expect.stringContaining('state "Reserve": HeartbeatSeconds is enforced by AWS only'),
      ]),
    );
  });

  it('allows HeartbeatSeconds with the AWS-only marker', () => {
    const states = {
      Reserve: task('inventory.reserve', {
        HeartbeatSeconds: 10,
        Comment: `Long step ${AWS_ONLY_HEARTBEAT_MARKER}`,
      }),
    };
    expect(lint({ StartAt: 'Reserve', States: states })).toEqual([]);
  });

  it('rejects Distributed Map and state names used twice, also across branches', () => {
    const branch = { StartAt: 'Reserve', States: { Reserve: task('inventory.reserve') } };
    const problems = lint({
      StartAt: 'Both',
      States: {
        Both: { Type: 'Parallel', Branches: [branch, branch], Next: 'Each' },
        Each: {
          Type: 'Map',
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
            StartAt: 'Item',
            States: { Item: { Type: 'Pass', End: true } },
          },
          End: true,
        },
      },
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'state "Reserve": the name is used more than once',
        'state "Each": Distributed Map runs only in AWS',
      ]),
    );
  });

  it('catches a state written twice in the file, which JSON.parse would silently drop', () => {
    const source = `{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}, "A": {"Type": "Succeed"}}}`;
    expect(lint(undefined, source)).toContain(
      'key "A" appears twice in one object (JSON keeps only the last)',
    );
  });

  it('holds Task states to the queue + task token convention', () => {
    const problems = lint({
      StartAt: 'Reserve',
      States: {
        Reserve: {
          ...task('inventory.reserve'),
          Resource: 'arn:aws:states:::lambda:invoke',
          Parameters: {
            'QueueUrl.$': '$$.Execution.Input.queues.payments',
            MessageBody: { pattern: 'inventory.reserve', input: {} },
          },
          TimeoutSeconds: undefined,
        },
      },
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        `state "Reserve": Resource must be ${TASK_RESOURCE}`,
        expect.stringContaining('"$$.Execution.Input.queues.inventory"'),
        expect.stringContaining('taskToken.$'),
        expect.stringContaining('correlationId.$'),
        expect.stringContaining('traceparent.$'),
        expect.stringContaining('needs TimeoutSeconds'),
      ]),
    );
  });

  it('reports what the ASL schema rejects', () => {
    expect(lint({ StartAt: 'Missing', States: { A: { Type: 'Pass', End: true } } })).toEqual(
      expect.arrayContaining([expect.stringContaining('not valid Amazon States Language')]),
    );
  });
});

describe('runnableWorkflow', () => {
  const parse = (definition: unknown) =>
    WorkflowDefinition.parse(
      'demo',
      'demo',
      'libs/modules/demo/workflows/demo.asl.json',
      JSON.stringify(definition),
    );

  it('hands back a definition both engines can run', () => {
    const definition = parse({
      StartAt: 'Reserve',
      States: { Reserve: task('inventory.reserve') },
    });
    expect(runnableWorkflow(definition)).toBe(definition);
  });

  it('refuses one that cannot run, naming its file and every problem', () => {
    const definition = parse({
      StartAt: 'Reserve',
      States: { Reserve: task('inventory.reserve', { Assign: { x: 1 } }) },
    });
    expect(() => runnableWorkflow(definition)).toThrow(
      /^libs\/modules\/demo\/workflows\/demo\.asl\.json cannot run:\n- [\s\S]*Assign is JSONata-only/,
    );
  });
});

describe('recordLintedWorkflows', () => {
  const definition = (name: string, definition: unknown) =>
    WorkflowDefinition.parse('demo', name, `${name}.asl.json`, JSON.stringify(definition));
  const valid = definition('valid', {
    StartAt: 'Reserve',
    States: { Reserve: task('inventory.reserve') },
  });

  it('records the definitions it linted in full, one key each', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'seam-lint-')), 'linted.json');
    recordLintedWorkflows([valid], file);
    const { keys } = JSON.parse(readFileSync(file, 'utf8')) as { keys: string[] };
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(/^asl-validator@[\d.]+:[0-9a-f]{64}$/);
  });

  it('fails the build at a definition that cannot run, naming it, and records nothing', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'seam-lint-')), 'linted.json');
    // Valid by Seam's own rules, refused by the ASL schema: only the full lint finds it.
    const invalid = definition('invalid', {
      StartAt: 'Reserve',
      States: { Reserve: { ...task('inventory.reserve'), End: 'yes' } },
    });
    expect(() => recordLintedWorkflows([valid, invalid], file)).toThrow(
      /^invalid\.asl\.json cannot run:\n- not valid Amazon States Language/,
    );
    expect(existsSync(file)).toBe(false);
  });
});
