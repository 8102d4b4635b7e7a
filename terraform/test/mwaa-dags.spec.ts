import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { MODULES } from '#monolith/modules';
import { workflowsOf } from '#platform/runtime';
import { DAGS_DIR, synthesize, topology } from './synthesized.js';

/**
 * The DAGs MWAA runs (terraform/mwaa/dags) only start Step Functions state machines and wait
 * for them, with the Amazon provider's operators. Python packages cannot be installed here, so
 * the files are compiled with `python3 -m py_compile` and their content is checked as text.
 */
/** What every DAG adds to an execution's input; a module the DAGs import, not a DAG. */
const SHARED = 'seam_execution_input.py';
const python = readdirSync(DAGS_DIR).filter((file) => file.endsWith('.py'));
const files = python.filter((file) => file !== SHARED);
const source = (file: string) => readFileSync(join(DAGS_DIR, file), 'utf8');

describe('MWAA DAGs', () => {
  it('are plain Python sources: no compiled files next to them', () => {
    expect(python).toEqual([
      'ordering__order_fulfilment.py',
      'ordering__payments_reconciliation.py',
      SHARED,
    ]);
    expect(readdirSync(DAGS_DIR).filter((file) => !file.endsWith('.py'))).toEqual([]);
  });

  it.each(python)('%s compiles with python3 -m py_compile', (file) => {
    const out = mkdtempSync(join(tmpdir(), 'seam-dag-'));
    const result = spawnSync(
      'python3',
      [
        '-c',
        'import py_compile, sys; py_compile.compile(sys.argv[1], cfile=sys.argv[2], doraise=True)',
        join(DAGS_DIR, file),
        join(out, `${file}c`),
      ],
      { encoding: 'utf8' },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it.each(files)(
    '%s starts the state machine with the Amazon provider and waits for it',
    (file) => {
      const dag = source(file);
      expect(dag).toContain(
        'from airflow.providers.amazon.aws.operators.step_function import StepFunctionStartExecutionOperator',
      );
      expect(dag).toContain(
        'from airflow.providers.amazon.aws.sensors.step_function import StepFunctionExecutionSensor',
      );
      expect(dag).toMatch(
        /started = StepFunctionStartExecutionOperator(\.partial)?\([^)]*state_machine_arn=STATE_MACHINE_ARN/s,
      );
      // The sensor waits for what the operator started (each execution of a batch).
      expect(dag).toMatch(
        /StepFunctionExecutionSensor(\.partial\([^)]*\)\.expand\(|\([^)]*?)execution_arn=started\.output/s,
      );
      // No second interpreter of the ASL: no SQS calls, no task replies, no state types.
      expect(dag).not.toMatch(/boto3|sqs|replyTo|"Type"|Choice|Catch/);
    },
  );

  it.each(files)(
    '%s names a state machine of a workflow, through the ARN prefix Variable',
    (file) => {
      const dag = source(file);
      const [, module, name] = /^(\w+?)__(\w+)\.py$/.exec(file)!;
      const workflow = workflowsOf(MODULES).find(
        (definition) =>
          definition.module === module && definition.name.replaceAll('-', '_') === name,
      );
      expect(workflow).toBeDefined();
      expect(dag).toContain(`STATE_MACHINE = "${workflow!.name}"`);
      expect(dag).toContain(
        'STATE_MACHINE_ARN = "{{ var.value.seam_state_machine_arn_prefix }}" + STATE_MACHINE',
      );
      expect(dag).toContain(`dag_id="${module}__${name}"`);
    },
  );

  it('runs the order-fulfilment batch nightly at 02:00 UTC, one run at a time, without catch-up', () => {
    const dag = source('ordering__order_fulfilment.py');
    expect(dag).toContain('NIGHTLY = "0 2 * * *"');
    expect(dag).toContain('schedule=NIGHTLY');
    expect(dag).toContain('catchup=False');
    expect(dag).toContain('max_active_runs=1');
    expect(dag).toContain('conf.get("executions")');
  });

  it('starts one payments reconciliation a night at 03:00 UTC, named by the night, missed nights too', () => {
    const dag = source('ordering__payments_reconciliation.py');
    expect(dag).toContain('NIGHTLY = "0 3 * * *"');
    expect(dag).toContain('schedule=NIGHTLY');
    expect(dag).toContain('catchup=True');
    expect(dag).toContain('max_active_runs=1');
    // One execution per night: Step Functions refuses a second one of the same name.
    expect(dag).toContain('EXECUTION_NAME = "reconciliation-{{ ds }}"');
    expect(dag).toMatch(/StepFunctionStartExecutionOperator\([^)]*name=EXECUTION_NAME/s);
    expect(dag).not.toContain('.expand');
    expect(dag).toContain('name = f"reconciliation-{context[\'ds\']}"');
    expect(dag).toContain('**window(context["data_interval_start"], context["data_interval_end"])');
    // The queues of exactly the modules its Task states send to.
    const reconciliation = workflowsOf(MODULES).find((w) => w.name === 'payments-reconciliation')!;
    const modules = /^TASK_MODULES = (\[.*\])$/m.exec(dag)![1]!;
    expect(JSON.parse(modules)).toEqual(reconciliation.modules);
    expect(dag).toContain('Variable.get("seam_queue_url_prefix")');
  });

  it('reconciles each night an hour late, so windows meet and sagas still compensating settle first', () => {
    // The DAG imports Airflow, which is not installed here: run its `window` function alone.
    const dag = source('ordering__payments_reconciliation.py');
    const window = /^def window\(.*?(?=^\S)/ms.exec(dag)![0];
    const settle = /^SETTLE = .*$/m.exec(dag)![0];
    const run = (start: string, end: string) => {
      const result = spawnSync(
        'python3',
        [
          '-c',
          `import json, sys\nfrom datetime import datetime, timedelta\n${settle}\n${window}\n` +
            'print(json.dumps(window(datetime.fromisoformat(sys.argv[1]), datetime.fromisoformat(sys.argv[2]))))',
          start,
          end,
        ],
        { encoding: 'utf8' },
      );
      expect(result.stderr).toBe('');
      return JSON.parse(result.stdout) as { since: string; until: string };
    };
    const first = run('2026-05-01T03:00:00+00:00', '2026-05-02T03:00:00+00:00');
    expect(first).toEqual({
      since: '2026-05-01T02:00:00+00:00',
      until: '2026-05-02T02:00:00+00:00',
    });
    const next = run('2026-05-02T03:00:00+00:00', '2026-05-03T03:00:00+00:00');
    expect(next.since).toBe(first.until);
  });

  it('gives an input without them a correlation id and a traceparent, the same on every run', () => {
    // The DAGs import Airflow, which is not installed here: run the module they share alone.
    const run = (input: object) => {
      const result = spawnSync(
        'python3',
        [
          '-c',
          'import json, sys\nfrom seam_execution_input import traced\n' +
            'print(json.dumps(traced(sys.argv[1], json.loads(sys.argv[2]))))',
          'order-1',
          JSON.stringify(input),
        ],
        { encoding: 'utf8', cwd: DAGS_DIR, env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } },
      );
      expect(result.stderr).toBe('');
      return JSON.parse(result.stdout) as Record<string, string>;
    };
    const filled = run({ orderId: 'o-1' });
    expect(filled.orderId).toBe('o-1');
    expect(filled.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(filled.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(run({ orderId: 'o-1' })).toEqual(filled);
    const given = {
      orderId: 'o-1',
      correlationId: 'c-1',
      traceparent: '00-' + 'a'.repeat(32) + '-' + 'b'.repeat(16) + '-01',
    };
    expect(run(given)).toEqual(given);
  });

  it.each(files)('%s traces every execution it starts with the shared traced()', (file) => {
    const dag = source(file);
    expect(dag).toContain('from seam_execution_input import traced');
    expect(dag).toMatch(/\btraced\(/);
  });

  it('reads the Variable that the MWAA start-up script sets', () => {
    const { main } = synthesize({ topology: topology((t) => (t.mwaa.enabled = true)) });
    const startup = main.one('aws_s3_object', (object) => object.key === 'startup.sh');
    // Airflow maps AIRFLOW_VAR_<NAME> to the Variable <name>.
    expect(startup.content).toContain('export AIRFLOW_VAR_SEAM_STATE_MACHINE_ARN_PREFIX=');
    expect(startup.content).toContain('export AIRFLOW_VAR_SEAM_QUEUE_URL_PREFIX=');
    for (const file of files)
      expect(source(file)).toContain('var.value.seam_state_machine_arn_prefix');
  });
});
