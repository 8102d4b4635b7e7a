import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from '#platform/config';
import { WorkflowDefinition, type AslState } from '../workflow-definition.js';
import { airflowDagId, generateAirflowDag } from './airflow-dag.js';

const run = promisify(execFile);
const saga = WorkflowDefinition.load('ordering', 'order-fulfilment');

/**
 * Just enough of Airflow to import the generated file without it: the DAG, its tasks and their
 * edges are recorded so that the harness can run them.
 */
const AIRFLOW_STUB: Record<string, string> = {
  'airflow/__init__.py': String.raw`
class DAG:
    current = None

    def __init__(self, dag_id, **kwargs):
        self.dag_id = dag_id
        self.kwargs = kwargs
        self.tasks = []

    def __enter__(self):
        DAG.current = self
        return self

    def __exit__(self, *exc):
        DAG.current = None
`,
  'airflow/exceptions.py': 'class AirflowSkipException(Exception):\n    pass\n',
  'airflow/models/__init__.py': String.raw`
class Variable:
    @staticmethod
    def get(key):
        raise KeyError(key)
`,
  'airflow/operators/__init__.py': '',
  'airflow/operators/python.py': String.raw`
from airflow import DAG


class PythonOperator:
    def __init__(self, task_id, python_callable, op_kwargs=None, trigger_rule="all_success", **kwargs):
        self.task_id = task_id
        self.python_callable = python_callable
        self.op_kwargs = op_kwargs or {}
        self.trigger_rule = trigger_rule
        self.upstream = []
        DAG.current.tasks.append(self)

    def __rshift__(self, other):
        other.upstream.append(self)
        return other
`,
  'airflow/utils/__init__.py': '',
  'airflow/utils/trigger_rule.py': String.raw`
class TriggerRule:
    ALL_SUCCESS = "all_success"
    ALL_DONE = "all_done"
    NONE_FAILED = "none_failed"
    NONE_FAILED_MIN_ONE_SUCCESS = "none_failed_min_one_success"
`,
};

/**
 * Runs the generated DAG as Airflow's scheduler would (a task with trigger rule none_failed runs
 * once its upstream tasks are done, and is upstream_failed when one of them failed), with module
 * queues that answer from a script. argv[1] is the scenario; prints what happened as JSON.
 */
const HARNESS = String.raw`
import json
import random
import sys
import time
import uuid

scenario = json.loads(sys.argv[1])
sleeps = []
time.sleep = sleeps.append  # before the import: run_state binds its default sleep then
if "jitter" in scenario:
    random.random = lambda: scenario["jitter"]

import dag_under_test as workflow  # noqa: E402
from airflow.exceptions import AirflowSkipException  # noqa: E402

REPLY_QUEUE = "https://sqs.test/replies"


class Clock:
    now = 0.0

    def __call__(self):
        return self.now


class FakeSqs:
    """Module queues answering from the script ({pattern: [outcome, ...]}, the last one repeats),
    and the reply queue, with in-flight messages and visibility timeouts."""

    def __init__(self, script, strangers, clock):
        self.script, self.clock, self.sent = script, clock, []
        self.replies = [self.reply(stranger) for stranger in strangers]

    def reply(self, body):
        return {"Body": json.dumps(body), "ReceiptHandle": str(uuid.uuid4()), "visible_at": self.clock.now}

    def send_message(self, QueueUrl, MessageBody):
        body = json.loads(MessageBody)
        self.sent.append({"queueUrl": QueueUrl, "body": body})
        outcomes = self.script.get(body["pattern"], [{"response": None}])
        outcome = outcomes.pop(0) if len(outcomes) > 1 else outcomes[0]
        if not outcome.get("silent"):
            self.replies.append(self.reply({"requestId": body["requestId"], **outcome}))

    def receive_message(self, QueueUrl, MaxNumberOfMessages, WaitTimeSeconds):
        assert QueueUrl == REPLY_QUEUE
        visible = [r for r in self.replies if r["visible_at"] <= self.clock.now][:MaxNumberOfMessages]
        if not visible:  # long polling: wait until a message shows up or the wait ends
            later = [r["visible_at"] for r in self.replies if r["visible_at"] != float("inf")]
            self.clock.now = min([self.clock.now + WaitTimeSeconds, *later])
            return {}
        for r in visible:
            r["visible_at"] = float("inf")
        return {"Messages": [{"Body": r["Body"], "ReceiptHandle": r["ReceiptHandle"]} for r in visible]}

    def delete_message(self, QueueUrl, ReceiptHandle):
        self.replies = [r for r in self.replies if r["ReceiptHandle"] != ReceiptHandle]

    def change_message_visibility(self, QueueUrl, ReceiptHandle, VisibilityTimeout):
        for r in self.replies:
            if r["ReceiptHandle"] == ReceiptHandle:
                r["visible_at"] = self.clock.now + VisibilityTimeout


class TaskInstance:
    def __init__(self, xcoms):
        self.xcoms = xcoms

    def xcom_pull(self, task_ids):
        return self.xcoms.get(task_ids)


class DagRun:
    def __init__(self, conf):
        self.conf = conf


def run_dag(conf):
    states, xcoms, errors, ran = {}, {}, {}, []
    pending = list(workflow.dag.tasks)
    while pending:
        task = next(t for t in pending if all(u.task_id in states for u in t.upstream))
        pending.remove(task)
        assert task.trigger_rule == "none_failed", task.trigger_rule
        if any(states[u.task_id] in ("failed", "upstream_failed") for u in task.upstream):
            states[task.task_id] = "upstream_failed"
            continue
        context = {"ti": TaskInstance(xcoms), "dag_run": DagRun(conf)}
        try:
            value = task.python_callable(**task.op_kwargs, **context)
            xcoms[task.task_id] = json.loads(json.dumps(value))  # XCom keeps JSON
            states[task.task_id] = "success"
            ran.append(task.task_id)
        except AirflowSkipException:
            states[task.task_id] = "skipped"
        except Exception as error:
            states[task.task_id] = "failed"
            errors[task.task_id] = str(error)
    return states, xcoms, errors, ran


if "resolve" in scenario:
    path, data, execution_input = scenario["resolve"]
    try:
        value = workflow.resolve_path(path, data, {"Execution": {"Input": execution_input}})
        print(json.dumps({"value": value}))
    except workflow.WorkflowError as error:
        print(json.dumps({"error": error.name}))
else:
    sqs = FakeSqs(scenario.get("replies", {}), scenario.get("strangers", []), Clock())
    workflow.sqs_module_call = lambda: workflow.SqsModuleCall(sqs, REPLY_QUEUE, clock=sqs.clock)
    states, outputs, errors, ran = run_dag(scenario["conf"])
    dag = workflow.dag
    print(json.dumps({
        "dag": {
            "dagId": dag.dag_id,
            **{key: dag.kwargs[key] for key in ("schedule", "catchup", "max_active_runs", "default_args")},
        },
        "upstream": {t.task_id: sorted(u.task_id for u in t.upstream) for t in dag.tasks},
        "triggerRules": sorted({t.trigger_rule for t in dag.tasks}),
        "states": states,
        "ran": ran,
        "outputs": outputs,
        "errors": errors,
        "sent": sqs.sent,
        "sleeps": sleeps,
        "replyQueue": [json.loads(r["Body"]) for r in sqs.replies],
    }))
`;

const queues = {
  inventory: 'https://sqs.test/inventory',
  payments: 'https://sqs.test/payments',
  shipping: 'https://sqs.test/shipping',
  ordering: 'https://sqs.test/ordering',
};
const order = {
  orderId: 'order-1',
  customerId: 'customer-1',
  lines: [{ sku: 'MUG-1', quantity: 2 }],
  total: { amount: 4200, currency: 'EUR' },
  cardToken: 'tok_visa',
  shippingAddress: { country: 'DE', postcode: '10115' },
  shippingSpeed: 'standard',
  shippingTotal: { amount: 490, currency: 'EUR' },
  weightGrams: 800,
  correlationId: 'corr-1',
  queues,
};
const HAPPY_PATH = [
  'ReserveStock',
  'AuthorizePayment',
  'CreateShipment',
  'CapturePayment',
  'ConfirmOrder',
  'CommitStock',
  'Fulfilled',
];

type Outcome =
  { response: unknown } | { error: { name: string; message: string } } | { silent: true };
const fails = (name: string): Outcome => ({ error: { name, message: `${name} happened` } });
const happyReplies: Record<string, Outcome[]> = {
  'inventory.reserve': [{ response: { status: 'HELD', expiresAt: '2030-01-01T01:00:00Z' } }],
  'payments.authorize': [{ response: { status: 'AUTHORIZED', authorizedAmount: order.total } }],
  'shipping.create-shipment': [{ response: { trackingNumber: 'TRK-1', carrier: 'DHL' } }],
  'payments.capture': [{ response: { status: 'CAPTURED', capturedAmount: order.total } }],
};

interface Sent {
  queueUrl: string;
  body: { pattern: string; requestId: string; input: Record<string, unknown> } & Record<
    string,
    unknown
  >;
}
interface DagRun {
  dag: Record<string, unknown>;
  upstream: Record<string, string[]>;
  triggerRules: string[];
  states: Record<string, string>;
  ran: string[];
  outputs: Record<string, { next: string | null; output: Record<string, unknown> }>;
  errors: Record<string, string>;
  sent: Sent[];
  sleeps: number[];
  replyQueue: unknown[];
}

describe('generateAirflowDag', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'seam-airflow-'));
    for (const [file, text] of Object.entries(AIRFLOW_STUB)) {
      await mkdir(dirname(join(dir, file)), { recursive: true });
      await writeFile(join(dir, file), text);
    }
    await writeFile(join(dir, 'dag_under_test.py'), generateAirflowDag(saga));
    await writeFile(join(dir, 'harness.py'), HARNESS);
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function python(scenario: object): Promise<unknown> {
    const { stdout } = await run('python3', [join(dir, 'harness.py'), JSON.stringify(scenario)], {
      env: { ...process.env, PYTHONPATH: dir, PYTHONDONTWRITEBYTECODE: '1' },
    });
    return JSON.parse(stdout);
  }

  /** One DAG run of the saga; `replies` replaces the happy path's answers per pattern. */
  function runSaga(
    replies: Record<string, Outcome[]> = {},
    options: { jitter?: number; strangers?: object[] } = {},
  ): Promise<DagRun> {
    return python({
      conf: order,
      replies: { ...happyReplies, ...replies },
      ...options,
    }) as Promise<DagRun>;
  }

  const patterns = (run: DagRun) => run.sent.map((sent) => sent.body.pattern);
  const sentTo = (run: DagRun, pattern: string) =>
    run.sent.filter((sent) => sent.body.pattern === pattern);

  it('matches the committed DAG (after changing a workflow, run `npm run workflows:dag`)', () => {
    const file = join(projectRoot(), 'terraform', 'mwaa', 'dags', `${airflowDagId(saga)}.py`);
    const committed = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    if (committed !== generateAirflowDag(saga)) {
      throw new Error(
        `${file} is missing or out of date: run \`npm run workflows:dag\` and commit the result`,
      );
    }
  });

  it('writes Python that compiles', async () => {
    await expect(
      run('python3', ['-m', 'py_compile', join(dir, 'dag_under_test.py')]),
    ).resolves.toBeDefined();
  });

  it('names the header, the source file and its sha256', () => {
    const header = generateAirflowDag(saga).split('\n').slice(0, 3).join('\n');
    expect(header).toContain(saga.file);
    expect(header).toContain(saga.hash);
    expect(header).toContain('do not edit; run `npm run workflows:dag`');
  });

  it('makes one task per state, wired like the ASL, triggered on demand, retried only by the ASL', async () => {
    const run = await runSaga();
    expect(run.dag).toEqual({
      dagId: 'ordering__order_fulfilment',
      schedule: null,
      catchup: false,
      max_active_runs: 16,
      default_args: { retries: 0 },
    });
    expect(Object.keys(run.upstream).sort()).toEqual(Object.keys(saga.asl.States).sort());
    expect(run.upstream.ReleaseStock).toEqual(['RefundPayment', 'VoidPayment']);
    expect(run.upstream.ExplainFailure).toHaveLength(5);
    expect(run.upstream.CancelShipment).toEqual(['RejectOrder']);
    expect(run.upstream.ReserveStock).toEqual([]);
    expect(run.triggerRules).toEqual(['none_failed']);
  });

  it('reaches Fulfilled when every step succeeds, and skips every compensation', async () => {
    const run = await runSaga();
    expect(run.ran).toEqual(HAPPY_PATH);
    for (const state of Object.keys(saga.asl.States).filter((s) => !HAPPY_PATH.includes(s))) {
      expect([state, run.states[state]]).toEqual([state, 'skipped']);
    }
    expect(run.outputs.Fulfilled!.output).toMatchObject({
      orderId: 'order-1',
      reservation: { status: 'HELD', expiresAt: '2030-01-01T01:00:00Z' },
      payment: { status: 'CAPTURED', capturedAmount: order.total },
      shipment: { trackingNumber: 'TRK-1', carrier: 'DHL' },
    });
  });

  it("sends each module the Task's message on its queue, with replyTo and a fresh requestId", async () => {
    const run = await runSaga();
    expect(patterns(run)).toEqual([
      'inventory.reserve',
      'payments.authorize',
      'shipping.create-shipment',
      'payments.capture',
      'ordering.confirm',
      'inventory.commit',
    ]);
    expect(sentTo(run, 'payments.authorize')).toEqual([
      {
        queueUrl: queues.payments,
        body: {
          pattern: 'payments.authorize',
          correlationId: 'corr-1',
          input: { orderId: 'order-1', amount: order.total, cardToken: 'tok_visa' },
          replyTo: 'https://sqs.test/replies',
          requestId: expect.any(String),
        },
      },
    ]);
    expect(sentTo(run, 'shipping.create-shipment')[0]!.body.input).toEqual({
      orderId: 'order-1',
      address: order.shippingAddress,
      weightGrams: 800,
      speed: 'standard',
      price: order.shippingTotal,
      currency: 'EUR',
    });
    expect(new Set(run.sent.map((sent) => sent.body.requestId)).size).toBe(run.sent.length);
  });

  it('rejects the order with the reason, then undoes every step, when the payment is declined', async () => {
    const run = await runSaga({ 'payments.authorize': [fails('PaymentDeclinedError')] });
    expect(run.ran).toEqual([
      'ReserveStock',
      'AuthorizePayment',
      'ExplainFailure',
      'ReasonPaymentDeclined',
      'RejectOrder',
      'CancelShipment',
      'VoidPayment',
      'ReleaseStock',
      'Compensated',
    ]);
    expect(run.outputs.AuthorizePayment!.output.failure).toEqual({
      Error: 'PaymentDeclinedError',
      Cause: 'PaymentDeclinedError happened',
    });
    expect(sentTo(run, 'ordering.reject')[0]!.body.input).toEqual({
      orderId: 'order-1',
      reason: 'Your payment was declined. You have not been charged.',
    });
    // a domain error is final: no second attempt, no wait
    expect(sentTo(run, 'payments.authorize')).toHaveLength(1);
    expect(run.sleeps).toEqual([]);
    expect(run.states.Fulfilled).toBe('skipped');
    expect(run.states.RefundPayment).toBe('skipped');
  });

  it('retries a gateway timeout with exponential backoff and full jitter, then carries on', async () => {
    const run = await runSaga(
      {
        'payments.authorize': [
          fails('PaymentGatewayTimeoutError'),
          fails('PaymentGatewayTimeoutError'),
          ...happyReplies['payments.authorize']!,
        ],
      },
      { jitter: 0.5 },
    );
    expect(run.ran).toEqual(HAPPY_PATH);
    expect(sentTo(run, 'payments.authorize')).toHaveLength(3);
    expect(run.sleeps).toEqual([0.5 * 1, 0.5 * 2]);
  });

  it('counts a missing reply as States.Timeout and gives up after MaxAttempts retries', async () => {
    const run = await runSaga({ 'payments.authorize': [{ silent: true }] }, { jitter: 1 });
    expect(sentTo(run, 'payments.authorize')).toHaveLength(1 + 3);
    expect(run.sleeps).toEqual([1, 2, 4]);
    expect(run.outputs.AuthorizePayment!.output.failure).toMatchObject({ Error: 'States.Timeout' });
    expect(run.ran.slice(2)).toEqual([
      'ExplainFailure',
      'ReasonUnavailable',
      'RejectOrder',
      'CancelShipment',
      'VoidPayment',
      'ReleaseStock',
      'Compensated',
    ]);
  });

  it('refunds a captured payment when confirming fails, without retrying a void that cannot succeed', async () => {
    const run = await runSaga(
      {
        'ordering.confirm': [fails('IllegalOrderTransitionError')],
        'payments.void': [fails('PaymentAlreadyCapturedError')],
      },
      { jitter: 1 },
    );
    expect(run.ran).toEqual([
      'ReserveStock',
      'AuthorizePayment',
      'CreateShipment',
      'CapturePayment',
      'ConfirmOrder',
      'ExplainFailure',
      'ReasonUnavailable',
      'RejectOrder',
      'CancelShipment',
      'VoidPayment',
      'RefundPayment',
      'ReleaseStock',
      'Compensated',
    ]);
    // The first retrier (PaymentAlreadyCapturedError, MaxAttempts 0) wins over States.ALL.
    expect(sentTo(run, 'ordering.confirm')).toHaveLength(1);
    expect(sentTo(run, 'payments.void')).toHaveLength(1);
    expect(run.sleeps).toEqual([]);
    // the Catch with ResultPath null keeps the failure that started the compensation
    expect(run.outputs.ReleaseStock!.output.failure).toMatchObject({
      Error: 'IllegalOrderTransitionError',
    });
  });

  it('retries a failing compensation with backoff capped at MaxDelaySeconds, then carries on', async () => {
    const run = await runSaga(
      {
        'payments.authorize': [fails('PaymentDeclinedError')],
        'inventory.release': [
          ...Array.from({ length: 6 }, () => fails('InternalError')),
          {
            response: { status: 'RELEASED' },
          },
        ],
      },
      { jitter: 1 },
    );
    expect(sentTo(run, 'inventory.release')).toHaveLength(7);
    expect(run.sleeps).toEqual([1, 2, 4, 8, 16, 30]);
    expect(run.ran.at(-1)).toBe('Compensated');
  });

  it('completes an order whose confirmation went through though its replies were lost', async () => {
    const run = await runSaga(
      {
        'ordering.confirm': Array.from({ length: 4 }, () => fails('ModuleTimeoutError')),
        'ordering.reject': [fails('OrderAlreadyConfirmedError')],
      },
      { jitter: 1 },
    );
    expect(run.ran.slice(-5)).toEqual([
      'ExplainFailure',
      'ReasonUnavailable',
      'RejectOrder',
      'CommitStock',
      'Fulfilled',
    ]);
    for (const undo of ['shipping.cancel-shipment', 'payments.void', 'payments.refund'])
      expect(sentTo(run, undo)).toHaveLength(0);
    expect(sentTo(run, 'ordering.reject')).toHaveLength(1);
  });

  it('fails the run when a step without Catch fails for good', async () => {
    const run = await runSaga({ 'inventory.commit': [fails('InternalError')] }, { jitter: 1 });
    expect(sentTo(run, 'inventory.commit')).toHaveLength(4);
    expect(run.states.CommitStock).toBe('failed');
    expect(run.errors.CommitStock).toContain('InternalError');
    expect(run.states.Fulfilled).toBe('upstream_failed');
    expect(patterns(run)).not.toContain('inventory.release');
  });

  it('leaves replies meant for other requests on the reply queue', async () => {
    const stranger = { requestId: 'another-run', response: { status: 'HELD' } };
    const run = await runSaga({}, { strangers: [stranger] });
    expect(run.ran).toEqual(HAPPY_PATH);
    expect(run.replyQueue).toEqual([stranger]);
  });

  it('reads the JSONPath subset: $, $.a.b, $.a[0], $$.Execution.Input', async () => {
    const data = { a: { b: 'x' }, list: [{ id: 7 }] };
    const input = { queues: { payments: 'q' } };
    const value = (path: string) => python({ resolve: [path, data, input] });
    await expect(value('$')).resolves.toEqual({ value: data });
    await expect(value('$.a.b')).resolves.toEqual({ value: 'x' });
    await expect(value('$.list[0].id')).resolves.toEqual({ value: 7 });
    await expect(value('$$.Execution.Input.queues.payments')).resolves.toEqual({ value: 'q' });
    await expect(value('$.a.missing')).resolves.toEqual({ error: 'States.Runtime' });
  });

  describe('rejects what an Airflow DAG cannot run', () => {
    /** The saga with some states replaced or added. */
    function variant(states: Record<string, AslState>): WorkflowDefinition {
      const asl = { ...saga.asl, States: { ...saga.asl.States, ...states } };
      return Object.assign(Object.create(WorkflowDefinition.prototype) as WorkflowDefinition, {
        ...saga,
        asl,
      });
    }

    it.each(['Map', 'Parallel', 'Wait'])('a %s state, naming it', (type) => {
      const definition = variant({ Later: { Type: type, Next: 'Fulfilled' } });
      expect(() => generateAirflowDag(definition)).toThrow(
        `state "Later" is a ${type} state; Airflow DAGs support Task, Pass, Choice, Succeed, Fail states only`,
      );
    });

    it('a workflow that loops, naming the loop', () => {
      const definition = variant({
        RejectOrder: { ...saga.asl.States.RejectOrder!, Next: 'ReserveStock' },
      });
      expect(() => generateAirflowDag(definition)).toThrow(
        /the workflow loops \(ReserveStock → AuthorizePayment → .* → RejectOrder → ReserveStock\)/,
      );
    });

    it('a Task without TimeoutSeconds or with an intrinsic function', () => {
      const untimed = { ...saga.asl.States.CommitStock!, TimeoutSeconds: undefined };
      expect(() => generateAirflowDag(variant({ CommitStock: untimed }))).toThrow(
        'state "CommitStock" has no TimeoutSeconds',
      );
      const formatted = {
        ...saga.asl.States.CommitStock!,
        ResultSelector: { 'note.$': "States.Format('{}', $.orderId)" },
      };
      expect(() => generateAirflowDag(variant({ CommitStock: formatted }))).toThrow(
        /state "CommitStock" reads "note.\$".*no intrinsic functions/,
      );
    });
  });
});
