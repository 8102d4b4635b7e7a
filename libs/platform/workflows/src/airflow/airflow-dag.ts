import { TASK_RESOURCE, taskPattern, type AslState } from '../workflow-definition.js';
import type { WorkflowDefinition } from '../workflow-definition.js';

/**
 * Apache Airflow 2 DAGs (what Amazon MWAA runs) generated from a workflow's ASL, for teams that
 * schedule with Airflow instead of Step Functions. The generated Python file is three parts:
 *
 * 1. data from the ASL: `STATES` (the states as written, minus Task tokens) and `TRANSITIONS`
 *    (where each state can go next: the DAG's edges);
 * 2. a fixed runtime ({@link RUNTIME}): plain Python that runs one state as Step Functions would
 *    (JSONPath, ResultSelector/ResultPath, Retry, Catch, Choice) and talks to modules over SQS;
 * 3. the DAG: one task per state, wired by `TRANSITIONS`.
 *
 * This file only checks that the ASL fits that runtime and writes the data; the behaviour lives
 * in the runtime. See docs/runbooks/run-workflows-on-mwaa.md for the message/reply convention.
 */

/** The state types the runtime knows; Map, Parallel and Wait have no Airflow counterpart here. */
const SUPPORTED_TYPES = ['Task', 'Pass', 'Choice', 'Succeed', 'Fail'];
/** The Choice comparisons the runtime knows (`COMPARISONS` in the Python). */
const CHOICE_COMPARISONS = ['StringEquals', 'NumericEquals', 'BooleanEquals'];
/** The JSONPath subset the runtime's resolver reads: `$`, `$.a.b`, `$.a[0]`... */
const PATH = /^\$(\.[A-Za-z_][\w-]*|\[\d+\])*$/;
/** ...and the execution input, the only part of the context object an Airflow run has. */
const CONTEXT_PATH = /^\$\$\.Execution\.Input(\.[A-Za-z_][\w-]*|\[\d+\])*$/;
/** Where a result may be put: the whole state or a dotted field. */
const RESULT_PATH = /^\$(\.[A-Za-z_][\w-]*)*$/;
/** Airflow's task id rule. */
const TASK_ID = /^[\w.-]{1,250}$/;

/** `<module>__<name>` with `-` made `_`: `ordering__order_fulfilment`. Also the file's name. */
export function airflowDagId(definition: Pick<WorkflowDefinition, 'module' | 'name'>): string {
  return `${definition.module}__${definition.name}`.replace(/-/g, '_');
}

/**
 * The Python source of the Airflow DAG that runs `definition`. Deterministic: the same ASL
 * bytes give the same file. Throws, naming the state, when the ASL uses what the DAG cannot run
 * (Map, Parallel, Wait, loops, intrinsic functions, Tasks off the SQS convention).
 *
 * @example
 * const saga = WorkflowDefinition.load('ordering', 'order-fulfilment');
 * writeFileSync(`terraform/mwaa/dags/${airflowDagId(saga)}.py`, generateAirflowDag(saga));
 */
export function generateAirflowDag(definition: WorkflowDefinition): string {
  const { asl, file } = definition;
  if (!(asl.StartAt in asl.States))
    throw new Error(`${file}: StartAt "${asl.StartAt}" is no state`);
  const states: Record<string, AslState> = {};
  const transitions: Record<string, string[]> = {};
  for (const [name, state] of Object.entries(asl.States)) {
    const fail = (problem: string): never => {
      throw new Error(`${file}: state "${name}" ${problem}`);
    };
    if (!TASK_ID.test(name)) fail('is no Airflow task id (letters, digits, _ . - only)');
    states[name] = airflowState(state, fail);
    transitions[name] = nextStates(state);
    for (const target of transitions[name]) {
      if (!(target in asl.States)) fail(`goes to "${target}", which is no state`);
    }
  }
  checkAcyclicAndReachable(file, asl.StartAt, transitions);

  return `${[
    `# Generated from ${file}`,
    `# (sha256 ${definition.hash}).`,
    '# Generated — do not edit; run `npm run workflows:dag`.',
    docstring(definition),
    IMPORTS,
    `DAG_ID = ${python(airflowDagId(definition))}`,
    `MODULE = ${python(definition.module)}`,
    `SOURCE = ${python(file)}`,
    `START_AT = ${python(asl.StartAt)}`,
    `WORKFLOW_TIMEOUT_SECONDS = ${python(asl.TimeoutSeconds ?? null)}`,
    '',
    '# The states as written in SOURCE, except that Task messages carry no taskToken: an Airflow',
    '# task waits for the reply to its requestId instead (see SqsModuleCall).',
    `STATES = ${python(states)}`,
    '',
    '# Where each state can go next (Next, Catch, Choices, Default): the edges of the DAG.',
    `TRANSITIONS = ${python(transitions)}`,
    RUNTIME,
  ].join('\n')}\n`;
}

/** The state as the runtime gets it, after checking that the runtime can run it. */
function airflowState(state: AslState, fail: (problem: string) => never): AslState {
  if (!SUPPORTED_TYPES.includes(state.Type)) {
    fail(
      `is a ${state.Type} state; Airflow DAGs support ${SUPPORTED_TYPES.join(', ')} states only`,
    );
  }
  for (const field of ['InputPath', 'OutputPath']) {
    const path = state[field];
    if (path !== undefined && path !== null) checkPath(`${field} ${String(path)}`, path, fail);
  }
  const catchers = (state.Catch ?? []) as { ResultPath?: unknown }[];
  for (const resultPath of [state.ResultPath, ...catchers.map((c) => c.ResultPath)]) {
    if (typeof resultPath === 'string' && !RESULT_PATH.test(resultPath)) {
      fail(`has ResultPath ${resultPath}; the DAG puts results at $ or $.field.field only`);
    }
  }
  if ((state.Type === 'Task' || state.Type === 'Pass') && !state.Next && state.End !== true) {
    fail('has neither Next nor End');
  }
  if (state.Type === 'Pass') checkTemplate(state.Parameters, fail);
  if (state.Type === 'Choice') checkChoices(state, fail);
  return state.Type === 'Task' ? taskState(state, fail) : state;
}

/** A Task on Seam's SQS convention, its message without the Step Functions task token. */
function taskState(state: AslState, fail: (problem: string) => never): AslState {
  if (state.Resource !== TASK_RESOURCE)
    fail(`has Resource ${String(state.Resource)}, not ${TASK_RESOURCE}`);
  const parameters = state.Parameters as Record<string, unknown> | undefined;
  const body = parameters?.MessageBody as Record<string, unknown> | undefined;
  if (typeof parameters?.['QueueUrl.$'] !== 'string' || !body || !taskPattern(state)) {
    fail('does not follow the Task convention (Parameters."QueueUrl.$" and MessageBody.pattern)');
  }
  const timeout = state.TimeoutSeconds;
  if (typeof timeout !== 'number' || !Number.isInteger(timeout) || timeout <= 0) {
    fail('has no TimeoutSeconds; an Airflow task needs to know how long to wait for the reply');
  }
  // Airflow has no task token: the module replies to the message's requestId instead.
  const message = Object.fromEntries(Object.entries(body).filter(([key]) => key !== 'taskToken.$'));
  const airflowParameters = { ...parameters, MessageBody: message };
  checkTemplate(airflowParameters, fail);
  checkTemplate(state.ResultSelector, fail);
  return { ...state, Parameters: airflowParameters };
}

function checkChoices(state: AslState, fail: (problem: string) => never): void {
  const rules = state.Choices as Record<string, unknown>[] | undefined;
  if (!Array.isArray(rules) || rules.length === 0) fail('has no Choices');
  rules.forEach((rule, index) => {
    const comparisons = Object.keys(rule).filter((key) => key !== 'Variable' && key !== 'Next');
    if (
      typeof rule.Variable !== 'string' ||
      comparisons.length !== 1 ||
      !CHOICE_COMPARISONS.includes(comparisons[0]!)
    ) {
      fail(
        `has a rule (#${index + 1}) the DAG cannot evaluate: it supports Variable with one of ${CHOICE_COMPARISONS.join(', ')}`,
      );
    }
    checkPath(`Variable ${String(rule.Variable)}`, rule.Variable, fail);
  });
}

/** Every "field.$" of a payload template (Parameters, ResultSelector) names a readable path. */
function checkTemplate(template: unknown, fail: (problem: string) => never): void {
  if (Array.isArray(template)) return template.forEach((item) => checkTemplate(item, fail));
  if (typeof template !== 'object' || template === null) return;
  for (const [field, value] of Object.entries(template)) {
    if (field.endsWith('.$')) checkPath(`"${field}": ${JSON.stringify(value)}`, value, fail);
    else checkTemplate(value, fail);
  }
}

function checkPath(where: string, path: unknown, fail: (problem: string) => never): void {
  if (typeof path === 'string' && (PATH.test(path) || CONTEXT_PATH.test(path))) return;
  fail(
    `reads ${where}; the DAG reads $, $.a.b, $.a[0] and $$.Execution.Input.… paths only (no intrinsic functions)`,
  );
}

/** Next, then every Catch target, Choice target and Default, each once. */
function nextStates(state: AslState): string[] {
  const catchers = (state.Catch ?? []) as { Next?: unknown }[];
  const rules = (state.Choices ?? []) as { Next?: unknown }[];
  const targets = [
    state.Next,
    ...catchers.map((c) => c.Next),
    ...rules.map((r) => r.Next),
    state.Default,
  ];
  return [...new Set(targets.filter((target): target is string => typeof target === 'string'))];
}

/** Airflow needs a DAG: no state may lead back to itself, and every state must be reachable. */
function checkAcyclicAndReachable(
  file: string,
  startAt: string,
  transitions: Record<string, string[]>,
): void {
  const visited = new Set<string>();
  const path: string[] = [];
  const visit = (state: string): void => {
    if (path.includes(state)) {
      const loop = [...path.slice(path.indexOf(state)), state].join(' → ');
      throw new Error(`${file}: the workflow loops (${loop}); an Airflow DAG cannot`);
    }
    if (visited.has(state)) return;
    path.push(state);
    transitions[state]!.forEach(visit);
    path.pop();
    visited.add(state);
  };
  visit(startAt);
  const unreachable = Object.keys(transitions).filter((state) => !visited.has(state));
  if (unreachable.length > 0) {
    throw new Error(`${file}: no path from StartAt reaches ${unreachable.join(', ')}`);
  }
}

/** A Python literal for JSON data: one entry per line, short lists of plain values on one. */
function python(value: unknown, indent = ''): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  // JSON's string escapes (\" \\ \n \uXXXX) are Python's too.
  if (typeof value === 'number' || typeof value === 'string') return JSON.stringify(value);
  const inner = `${indent}    `;
  if (Array.isArray(value)) {
    const oneLine = `[${value.map((item) => python(item)).join(', ')}]`;
    const scalars = value.every((item) => typeof item !== 'object' || item === null);
    if (scalars && inner.length + oneLine.length <= 90) return oneLine;
    return `[\n${value.map((item) => `${inner}${python(item, inner)},\n`).join('')}${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  const lines = entries.map(
    ([key, item]) => `${inner}${JSON.stringify(key)}: ${python(item, inner)},\n`,
  );
  return `{\n${lines.join('')}${indent}}`;
}

/** The module docstring, shown as the DAG's documentation in the Airflow UI. */
function docstring(definition: WorkflowDefinition): string {
  const comment = (definition.asl.Comment ?? '')
    .replace(/\\/g, '\\\\')
    .replace(/"""/g, '\\"\\"\\"');
  return String.raw`"""${airflowDagId(definition)}: the ${definition.module} workflow ${definition.name}, on Airflow.

${comment}

Trigger it with conf = the workflow's execution input, including "correlationId" and
"queues": {"<module>": "<queue URL>", ...}. Every ASL state is one task. A Task state sends a
message to its module's queue (conf["queues"][module]) and waits up to its TimeoutSeconds for
the reply on the reply queue (Airflow Variable "seam_reply_queue_url"):

    request {"pattern", "correlationId", "input", "replyTo": <reply queue URL>,
             "requestId": <new for every attempt>}
    reply   {"requestId", "response": <result>}  or  {"requestId", "error": {"name", "message"}}

Retry and Catch work as in Step Functions (Airflow's own retries are off). A task runs when
the state before it chose it and skips itself otherwise. See docs/runbooks/run-workflows-on-mwaa.md.
"""`;
}

const IMPORTS = `
import copy
import json
import math
import random
import re
import time
import uuid
from datetime import datetime, timedelta, timezone

from airflow import DAG
from airflow.exceptions import AirflowSkipException
from airflow.models import Variable
from airflow.operators.python import PythonOperator
from airflow.utils.trigger_rule import TriggerRule

REPLY_QUEUE_VARIABLE = "seam_reply_queue_url"
# The reply queue is shared: a reply for another task is handed back after this many seconds.
OTHERS_REPLY_VISIBILITY_SECONDS = 1
MAX_ACTIVE_RUNS = 16
`;

/**
 * The same for every workflow. Plain functions first (no Airflow, no AWS: the spec runs them
 * under python3), then the Airflow adapter and the DAG. Kept free of backticks and dollar-brace
 * so that it reads as the Python it is.
 */
const RUNTIME = String.raw`
PREDECESSORS = {
    state: [source for source, targets in TRANSITIONS.items() if state in targets]
    for state in STATES
}


# ---- One state, as Step Functions runs it (plain Python) -------------------------------------


class WorkflowError(Exception):
    """An ASL error: the name Retry and Catch match (PaymentDeclinedError, States.Timeout, ...)."""

    def __init__(self, name, cause=""):
        super().__init__(f"{name}: {cause}")
        self.name = name
        self.cause = cause


_PATH_STEP = re.compile(r"\.([A-Za-z_][\w-]*)|\[(\d+)\]")


def resolve_path(path, data, context):
    """The value at a JSONPath: $, $.a.b, $.a[0] (data); $$.Execution.Input.a (context)."""
    target, steps = (context, path[2:]) if path.startswith("$$") else (data, path[1:])
    position = 0
    while position < len(steps):
        step = _PATH_STEP.match(steps, position)
        key, index = step.groups() if step else (None, None)
        if key is not None and isinstance(target, dict) and key in target:
            target = target[key]
        elif index is not None and isinstance(target, list) and int(index) < len(target):
            target = target[int(index)]
        else:
            raise WorkflowError("States.Runtime", f"the JSONPath {path} matches nothing")
        position = step.end()
    return target


def apply_template(template, data, context):
    """A payload template (Parameters, ResultSelector): field "x.$" becomes x, the value at its path."""
    if isinstance(template, list):
        return [apply_template(item, data, context) for item in template]
    if not isinstance(template, dict):
        return template
    result = {}
    for field, value in template.items():
        if field.endswith(".$"):
            result[field[:-2]] = resolve_path(value, data, context)
        else:
            result[field] = apply_template(value, data, context)
    return result


def apply_result_path(result_path, data, result):
    """ResultPath: null keeps the state's input, $ replaces it, $.a.b sets a.b in a copy of it."""
    if result_path is None:
        return data
    if result_path == "$":
        return result
    output = copy.deepcopy(data)
    *parents, last = result_path[2:].split(".")
    target = output
    for key in parents:
        if isinstance(target, dict):
            target = target.setdefault(key, {})
    if not isinstance(target, dict):
        raise WorkflowError("States.Runtime", f"ResultPath {result_path} does not fit the state")
    target[last] = result
    return output


def select(path, data, context):
    """InputPath and OutputPath: null gives {}, a path picks that part of the data."""
    return {} if path is None else resolve_path(path, data, context)


def matches(error_equals, error_name):
    """Whether a Retry or Catch entry applies. As in Step Functions, nothing catches States.Runtime
    (the definition does not fit the data), and States.TaskFailed is any error but a timeout."""
    if error_name == "States.Runtime":
        return False
    return (
        error_name in error_equals
        or "States.ALL" in error_equals
        or ("States.TaskFailed" in error_equals and error_name != "States.Timeout")
    )


def retry_delay(retrier, retries_so_far, jitter):
    """Seconds before the next attempt: IntervalSeconds x BackoffRate^n, at most MaxDelaySeconds;
    with FULL jitter a random part of that."""
    delay = retrier.get("IntervalSeconds", 1) * retrier.get("BackoffRate", 2.0) ** retries_so_far
    delay = min(delay, retrier.get("MaxDelaySeconds", delay))
    if retrier.get("JitterStrategy") == "FULL":
        delay *= jitter()
    return delay


def run_state(name, data, execution_input, call, sleep=time.sleep, jitter=random.random):
    """Runs one state on its input; returns (the state it chose next, or None at the end; its output).

    call(queue_url, message, timeout_seconds) hands a Task's message to its module and returns the
    module's result, or raises WorkflowError with the module's error name or States.Timeout.
    """
    state = STATES[name]
    context = {"Execution": {"Input": execution_input}}
    if state["Type"] == "Task":
        return run_task(state, data, context, call, sleep, jitter)
    if state["Type"] == "Choice":
        return run_choice(state, data, context)
    if state["Type"] == "Fail":
        raise WorkflowError(state.get("Error", "States.Fail"), state.get("Cause", ""))
    effective = select(state.get("InputPath", "$"), data, context)
    if state["Type"] == "Succeed":
        return None, select(state.get("OutputPath", "$"), effective, context)
    if "Parameters" in state:  # Pass
        result = apply_template(state["Parameters"], effective, context)
    else:
        result = state.get("Result", effective)
    output = apply_result_path(state.get("ResultPath", "$"), data, result)
    return state.get("Next"), select(state.get("OutputPath", "$"), output, context)


def run_task(state, data, context, call, sleep, jitter):
    """A Task: send the module its message and wait for the reply; Retry, then Catch, on errors."""
    effective = select(state.get("InputPath", "$"), data, context)
    request = apply_template(state["Parameters"], effective, context)
    retriers = state.get("Retry", [])
    retries = [0] * len(retriers)
    while True:
        try:
            result = call(request["QueueUrl"], request["MessageBody"], state["TimeoutSeconds"])
            break
        except WorkflowError as error:
            # The first retrier naming the error decides; once it is used up, Catch decides.
            index = next(
                (i for i, r in enumerate(retriers) if matches(r["ErrorEquals"], error.name)), None
            )
            if index is None or retries[index] >= retriers[index].get("MaxAttempts", 3):
                return catch(state, data, error)
            sleep(retry_delay(retriers[index], retries[index], jitter))
            retries[index] += 1
    if "ResultSelector" in state:
        result = apply_template(state["ResultSelector"], result, context)
    output = apply_result_path(state.get("ResultPath", "$"), data, result)
    return state.get("Next"), select(state.get("OutputPath", "$"), output, context)


def catch(state, data, error):
    """The first Catch naming the error: {Error, Cause} goes to its ResultPath, then to its Next.
    Without one, the error fails the task and the run."""
    for catcher in state.get("Catch", []):
        if matches(catcher["ErrorEquals"], error.name):
            failure = {"Error": error.name, "Cause": error.cause}
            return catcher["Next"], apply_result_path(catcher.get("ResultPath", "$"), data, failure)
    raise error


COMPARISONS = {
    "StringEquals": lambda value, expected: isinstance(value, str) and value == expected,
    "NumericEquals": lambda value, expected: type(value) in (int, float) and value == expected,
    "BooleanEquals": lambda value, expected: isinstance(value, bool) and value == expected,
}


def run_choice(state, data, context):
    """A Choice: the first rule whose Variable compares true picks the next state, else Default."""
    effective = select(state.get("InputPath", "$"), data, context)
    output = select(state.get("OutputPath", "$"), effective, context)
    for rule in state["Choices"]:
        comparison = next(name for name in COMPARISONS if name in rule)
        value = resolve_path(rule["Variable"], effective, context)
        if COMPARISONS[comparison](value, rule[comparison]):
            return rule["Next"], output
    if "Default" in state:
        return state["Default"], output
    raise WorkflowError("States.NoChoiceMatched", "no Choice rule matched and there is no Default")


# ---- Modules over SQS ---------------------------------------------------------------------------


class SqsModuleCall:
    """Sends a Task's message to its module's queue and waits for the reply on the reply queue.

    The message is the Task's MessageBody plus "replyTo" (the reply queue URL) and "requestId"
    (new for every attempt). The module answers on replyTo with {"requestId", "response"} or
    {"requestId", "error": {"name", "message"}}. Replies to other requests (other runs, or
    attempts that timed out) are left for their own waiter; the reply queue's short retention
    removes those nobody waits for.
    """

    def __init__(self, sqs, reply_queue_url, clock=time.monotonic):
        self.sqs = sqs
        self.reply_queue_url = reply_queue_url
        self.clock = clock

    def __call__(self, queue_url, message, timeout_seconds):
        request_id = str(uuid.uuid4())
        body = {**message, "replyTo": self.reply_queue_url, "requestId": request_id}
        self.sqs.send_message(QueueUrl=queue_url, MessageBody=json.dumps(body))
        deadline = self.clock() + timeout_seconds
        while (remaining := deadline - self.clock()) > 0:
            reply = self.receive_reply(request_id, wait_seconds=min(20, math.ceil(remaining)))
            if reply is None:
                continue
            if "error" in reply:
                raise WorkflowError(reply["error"]["name"], reply["error"].get("message", ""))
            return reply.get("response")
        pattern = message.get("pattern")
        raise WorkflowError("States.Timeout", f"no reply to {pattern} in {timeout_seconds} s")

    def receive_reply(self, request_id, wait_seconds):
        """The reply to request_id if it comes within wait_seconds (long polling), else None."""
        received = self.sqs.receive_message(
            QueueUrl=self.reply_queue_url, MaxNumberOfMessages=10, WaitTimeSeconds=wait_seconds
        )
        mine = None
        for message in received.get("Messages", []):
            try:
                reply = json.loads(message["Body"])
            except ValueError:
                reply = None
            if isinstance(reply, dict) and reply.get("requestId") == request_id:
                self.sqs.delete_message(
                    QueueUrl=self.reply_queue_url, ReceiptHandle=message["ReceiptHandle"]
                )
                mine = reply
            else:
                self.sqs.change_message_visibility(
                    QueueUrl=self.reply_queue_url,
                    ReceiptHandle=message["ReceiptHandle"],
                    VisibilityTimeout=OTHERS_REPLY_VISIBILITY_SECONDS,
                )
        return mine


# ---- Airflow ------------------------------------------------------------------------------------


def sqs_module_call():
    """Module calls with the worker's AWS credentials (on MWAA, the environment's execution role)."""
    import boto3  # present on every MWAA worker; imported here so the logic above loads without it

    return SqsModuleCall(boto3.client("sqs"), Variable.get(REPLY_QUEUE_VARIABLE))


def airflow_task(state_name, **context):
    """The callable of every task: runs its state when the state before it chose it, else skips.

    Returns {"next": <the state it chose>, "output": <its output>}; the next task reads it (XCom).
    """
    execution_input = context["dag_run"].conf or {}
    if state_name == START_AT:
        data = execution_input
    else:
        ti = context["ti"]
        arrivals = [ti.xcom_pull(task_ids=source) for source in PREDECESSORS[state_name]]
        chosen_by = [arrival for arrival in arrivals if arrival and arrival["next"] == state_name]
        if not chosen_by:
            raise AirflowSkipException(f"{state_name} is not on this run's path")
        data = chosen_by[0]["output"]
    call = sqs_module_call() if STATES[state_name]["Type"] == "Task" else None
    next_state, output = run_state(state_name, data, execution_input, call)
    return {"next": next_state, "output": output}


with DAG(
    dag_id=DAG_ID,
    doc_md=__doc__,
    schedule=None,  # one run per workflow execution, triggered with conf = the execution input
    start_date=datetime(2024, 1, 1, tzinfo=timezone.utc),
    catchup=False,
    max_active_runs=MAX_ACTIVE_RUNS,
    dagrun_timeout=(
        timedelta(seconds=WORKFLOW_TIMEOUT_SECONDS) if WORKFLOW_TIMEOUT_SECONDS else None
    ),
    is_paused_upon_creation=False,  # the application triggers it; a paused DAG would only queue runs
    default_args={"retries": 0},  # the ASL's Retry decides which errors are retried (run_task)
    tags=["seam", MODULE],
) as dag:
    tasks = {
        name: PythonOperator(
            task_id=name,
            python_callable=airflow_task,
            op_kwargs={"state_name": name},
            # Run once every predecessor has finished (or been skipped): only one of them chose
            # this state, or none did and airflow_task skips it. A failure fails what follows.
            trigger_rule=TriggerRule.NONE_FAILED,
            doc_md=STATES[name].get("Comment"),
        )
        for name in STATES
    }
    for source, targets in TRANSITIONS.items():
        for target in targets:
            tasks[source] >> tasks[target]
`;
