import { Logger } from '@nestjs/common';
import type { StateMachine, StateMachineDefinition } from 'aws-local-stepfunctions';
import { SpanKind, Tracing } from '#platform/observability';
import type { ClaimedExecution, FinishedOutcome, StepRecord } from '../execution-store.js';
import type { StepJournal } from '../step-journal.js';
import { parseTaskMessage, taskFailureOf, type TaskDispatch } from '../task-message.js';
import type { WorkflowDefinition } from '../workflow-definition.js';
import type { RunningExecution, WorkflowEngine } from '../workflow-engine.js';
import type { WorkflowMetrics } from '../workflow-metrics.js';

type JsonValue = Parameters<StateMachine['run']>[0];
type EventLogs = ReturnType<StateMachine['run']>['eventLogs'];

/**
 * Runs executions in this process with aws-local-stepfunctions. Every Task state is dispatched
 * through the module bus (`MessageBody.pattern` with `MessageBody.input`); a failed pattern
 * fails the Task with the domain error's name, which is what Retry and Catch match. Each Task
 * state's start, end, attempts and error are recorded as steps of the execution.
 */
export class LocalWorkflowEngine implements WorkflowEngine {
  readonly kind = 'local';
  private readonly logger = new Logger(LocalWorkflowEngine.name);
  private readonly machines = new Map<string, StateMachine>();

  private constructor(
    private readonly dispatch: TaskDispatch,
    private readonly sfn: typeof import('aws-local-stepfunctions'),
    private readonly metrics?: WorkflowMetrics,
  ) {}

  /** Loads the interpreter only where a module's workflows run (not in every process). */
  static async create(
    dispatch: TaskDispatch,
    metrics?: WorkflowMetrics,
  ): Promise<LocalWorkflowEngine> {
    return new LocalWorkflowEngine(dispatch, await import('aws-local-stepfunctions'), metrics);
  }

  execute(
    definition: WorkflowDefinition,
    execution: ClaimedExecution,
    input: Record<string, unknown>,
    journal: StepJournal,
  ): RunningExecution {
    // After an abort no task starts, and the outcome waits for the tasks still running, so the
    // execution is handed back only once its work here has stopped.
    let aborted = false;
    const tasks = new Set<Promise<JsonValue>>();
    // Each Task state (each attempt) is a child span of the execution's span (tracing on).
    const executionSpan = Tracing.activeTraceparent();
    const handlers = Object.fromEntries(
      definition.tasks.map((task) => [
        task.state,
        (effectiveInput: JsonValue) => {
          if (aborted) throw taskError('Seam.Aborted', 'The execution was aborted');
          const running = Tracing.enabled
            ? Tracing.inSpan(
                `task ${task.state}`,
                {
                  kind: SpanKind.INTERNAL,
                  ...(executionSpan ? { parent: executionSpan } : {}),
                  attributes: {
                    'seam.workflow.state': task.state,
                    'seam.workflow.pattern': task.pattern,
                    'seam.workflow.run': execution.run,
                  },
                },
                () => this.runTask(definition.name, task.state, effectiveInput),
              )
            : this.runTask(definition.name, task.state, effectiveInput);
          tasks.add(running);
          void running.finally(() => tasks.delete(running)).catch(() => undefined);
          return running;
        },
      ]),
    );
    const run = this.machineFor(definition).run(input as JsonValue, {
      overrides: { taskResourceLocalHandlers: handlers },
      context: {
        Execution: { Id: execution.id, Name: execution.name },
        // Step Functions' task token; the local engine answers tasks in process, so it is only informative.
        Task: { Token: `local:${execution.id}:${execution.run}` },
      },
    });
    const recording = this.record(run.eventLogs, definition, execution, journal);
    const outcome = run.result.then(
      (output): FinishedOutcome => ({ status: 'SUCCEEDED', output }),
      (error: unknown): FinishedOutcome | undefined => {
        if (error instanceof this.sfn.ExecutionAbortedError) return undefined;
        const failure = (error as { cause?: unknown }).cause ?? error;
        return {
          status: 'FAILED',
          error: failure instanceof Error ? failure.name : 'States.Runtime',
          cause: failure instanceof Error ? failure.message : String(failure),
        };
      },
    );
    return {
      outcome: outcome.then(async (result) => {
        await recording;
        await Promise.allSettled([...tasks]);
        return result; // the runner stores the rest of the timeline with the outcome
      }),
      abort: () => {
        aborted = true;
        run.abort();
      },
    };
  }

  private async runTask(
    workflow: string,
    state: string,
    effectiveInput: JsonValue,
  ): Promise<JsonValue> {
    const task = parseTaskMessage(
      (effectiveInput as { MessageBody?: unknown } | null)?.MessageBody,
    );
    if (!task) {
      throw taskError(
        'Seam.InvalidTask',
        `Task state "${state}" did not produce a MessageBody with taskToken, pattern and input`,
      );
    }
    try {
      return ((await this.dispatch(task)) ?? null) as JsonValue;
    } catch (error) {
      this.metrics?.stepFailed(workflow, state);
      const failure = taskFailureOf(error);
      if (failure.error === 'InternalError')
        this.logger.error({ err: error, state, pattern: task.pattern }, 'Workflow task crashed');
      throw taskError(failure.error, failure.cause); // Retry and Catch match on the name
    }
  }

  /** Notes the execution's Task states as steps in the journal, in order, while it runs. */
  private async record(
    events: EventLogs,
    definition: WorkflowDefinition,
    execution: ClaimedExecution,
    journal: StepJournal,
  ): Promise<void> {
    const patterns = new Map(definition.tasks.map((task) => [task.state, task.pattern]));
    const open = new Map<string, StepRecord>();
    let seq = 0;
    for await (const event of events) {
      if (!('state' in event) || event.state.type !== 'Task') continue;
      const name = event.state.name;
      // A Map runs its iterations' states side by side: the iteration's index tells them apart.
      const index = (event as { index?: number }).index;
      const key = index === undefined ? name : `${name}#${index}`;
      if (event.type === 'StateEntered') {
        const step: StepRecord = {
          executionId: execution.id,
          run: execution.run,
          seq: ++seq,
          state: name,
          pattern: patterns.get(name) ?? null,
          status: 'RUNNING',
          attempts: 1,
          startedAt: event.timestamp,
          endedAt: null,
          error: null,
          cause: null,
          input: event.state.input,
        };
        open.set(key, step);
        journal.note(step);
        continue;
      }
      const step = open.get(key);
      if (!step) continue;
      switch (event.type) {
        case 'StateFailed':
          step.status = 'FAILED';
          step.error = event.Error;
          step.cause = String(event.Cause);
          break;
        case 'StateRetried':
          step.status = 'RUNNING';
          step.attempts += 1;
          break;
        case 'StateCaught':
          step.status = 'CAUGHT';
          step.endedAt = event.timestamp;
          break;
        case 'StateExited':
          if (step.status !== 'CAUGHT') {
            step.status = 'SUCCEEDED';
            step.endedAt = event.timestamp;
          }
          step.output = event.state.output;
          open.delete(key);
          break;
      }
      journal.note(step);
    }
  }

  private machineFor(definition: WorkflowDefinition): StateMachine {
    let machine = this.machines.get(definition.hash);
    if (!machine) {
      // Parsed afresh from the text: the engine must neither share nor alter the definition object.
      // lintWorkflow has validated it with the same asl-validator (at start-up, or at the build
      // that recorded it: docs/workflows.md); validating again would cost ~0.2 s.
      machine = new this.sfn.StateMachine(JSON.parse(definition.source) as StateMachineDefinition, {
        validationOptions: { noValidate: true },
      });
      this.machines.set(definition.hash, machine);
    }
    return machine;
  }
}

function taskError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}
