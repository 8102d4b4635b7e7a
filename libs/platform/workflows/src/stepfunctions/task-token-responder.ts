import { createHash } from 'node:crypto';
import {
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import { Logger } from '@nestjs/common';
import { taskFailureOf, type TaskDispatch, type TaskMessage } from '../task-message.js';

/** What became of a task: answered either way, or Step Functions had already stopped waiting. */
export type TaskOutcome = 'succeeded' | 'failed' | 'already-closed';

export interface TaskTokenResponderOptions {
  /** How often to tell Step Functions the task is alive while the dispatch runs; keep it well
   * under the Task state's `HeartbeatSeconds`. */
  readonly heartbeatIntervalMs: number;
  /** Told of every task reported as failed (a step error), before the report is sent. */
  readonly onFailure?: (task: TaskMessage) => void;
}

/** What Step Functions accepts back from a task (SendTaskSuccess / SendTaskFailure). */
export const TaskResultLimits = {
  errorChars: 256,
  causeChars: 32_768,
  /** UTF-8 bytes of the output JSON. */
  outputBytes: 256 * 1024,
} as const;

/** The error a task fails with when its reply is too large to hand back to Step Functions. */
export const OUTPUT_TOO_LARGE_ERROR = 'Seam.OutputTooLarge';

/** Step Functions' answers meaning the execution no longer waits for this token. */
const TASK_CLOSED_ERRORS = new Set(['TaskTimedOut', 'TaskDoesNotExist']);

type LogContext = Readonly<{ correlationId?: string; pattern: string; task: string }>;

type Sent = 'sent' | 'already-closed';

/**
 * Answers a Step Functions task (a `sqs:sendMessage.waitForTaskToken` Task): runs its pattern
 * through `dispatch`, beats the heartbeat while that runs, then reports the reply with
 * SendTaskSuccess or the error with SendTaskFailure.
 *
 * Errors reach the workflow as data, exactly as the local engine reports them ({@link taskFailureOf}):
 * a domain error keeps its `name` (what Retry/Catch match) and its message becomes the Cause; a
 * runtime error (a bug) is logged here and reported only as `InternalError` with a generic cause.
 *
 * Resolves `'already-closed'` when Step Functions says the task timed out or no longer exists
 * (the message can be deleted: nobody waits for it). Rejects on any other AWS error, so the
 * queue consumer leaves the message to be redelivered.
 *
 * @example
 * const responder = new TaskTokenResponder(new SFNClient({}), busTaskDispatch(bus), {
 *   heartbeatIntervalMs: 20_000,
 * });
 * const outcome = await responder.respond(parseTaskMessage(JSON.parse(message.Body))!);
 */
export class TaskTokenResponder {
  private readonly logger = new Logger(TaskTokenResponder.name);

  constructor(
    private readonly client: SFNClient,
    private readonly dispatch: TaskDispatch,
    private readonly options: TaskTokenResponderOptions,
  ) {
    const interval = options.heartbeatIntervalMs;
    if (!Number.isInteger(interval) || interval <= 0) {
      throw new Error(
        `heartbeatIntervalMs must be a positive integer number of milliseconds, got ${String(interval)}`,
      );
    }
  }

  async respond(task: TaskMessage): Promise<TaskOutcome> {
    const context: LogContext = {
      correlationId: task.correlationId,
      pattern: task.pattern,
      task: taskTokenRef(task.taskToken),
    };
    const heartbeat = this.beatWhileRunning(task, context);
    let settled: { ok: true; reply: unknown } | { ok: false; error: unknown };
    try {
      settled = { ok: true, reply: await this.dispatch(task) };
    } catch (error) {
      settled = { ok: false, error };
    } finally {
      await heartbeat.stop();
    }
    if (heartbeat.closed()) return 'already-closed';
    return settled.ok
      ? this.succeed(task, settled.reply, context)
      : this.fail(task, settled.error, context);
  }

  private async succeed(task: TaskMessage, reply: unknown, context: LogContext) {
    let output: string;
    try {
      // undefined for a reply JSON cannot express (a function, a symbol)
      output = JSON.stringify(reply ?? null) ?? 'null';
    } catch (error) {
      return this.fail(task, error, context);
    }
    const bytes = Buffer.byteLength(output, 'utf8');
    if (bytes > TaskResultLimits.outputBytes) {
      this.logger.warn(
        { ...context, outputBytes: bytes, limit: TaskResultLimits.outputBytes },
        'Task reply too large for Step Functions; failing the task',
      );
      return this.report(
        task,
        OUTPUT_TOO_LARGE_ERROR,
        `The reply of ${task.pattern} is ${bytes} bytes of JSON; Step Functions accepts at most ${TaskResultLimits.outputBytes}`,
        context,
      );
    }
    const sent = await this.send('SendTaskSuccess', context, () =>
      this.client.send(new SendTaskSuccessCommand({ taskToken: task.taskToken, output })),
    );
    return sent === 'sent' ? 'succeeded' : 'already-closed';
  }

  private fail(task: TaskMessage, error: unknown, context: LogContext) {
    const failure = taskFailureOf(error);
    if (failure.error === 'InternalError') {
      this.logger.error({ ...context, err: error }, 'Task failed; reporting InternalError');
    }
    return this.report(task, failure.error, failure.cause, context);
  }

  private async report(task: TaskMessage, error: string, cause: string, context: LogContext) {
    this.options.onFailure?.(task);
    const sent = await this.send('SendTaskFailure', context, () =>
      this.client.send(
        new SendTaskFailureCommand({
          taskToken: task.taskToken,
          error: truncate(error, TaskResultLimits.errorChars),
          cause: truncate(cause, TaskResultLimits.causeChars),
        }),
      ),
    );
    return sent === 'sent' ? 'failed' : 'already-closed';
  }

  /**
   * Heartbeats on a chained timer (never two in flight). One that fails for another reason is
   * only logged: the next beat or the final answer tells whether Step Functions is reachable.
   */
  private beatWhileRunning(task: TaskMessage, context: LogContext) {
    let running = true;
    let closed = false;
    let timer: NodeJS.Timeout | undefined;
    let inFlight: Promise<void> | undefined;

    const beat = async () => {
      try {
        const sent = await this.send('SendTaskHeartbeat', context, () =>
          this.client.send(new SendTaskHeartbeatCommand({ taskToken: task.taskToken })),
        );
        if (sent === 'already-closed') closed = true;
      } catch (error) {
        this.logger.warn({ ...context, err: error }, 'Task heartbeat failed; will beat again');
      }
    };
    const schedule = () => {
      if (!running || closed) return;
      timer = setTimeout(() => {
        if (!running) return;
        inFlight = beat().then(schedule);
      }, this.options.heartbeatIntervalMs).unref();
    };
    schedule();

    return {
      closed: () => closed,
      async stop() {
        running = false;
        clearTimeout(timer);
        // so that a beat answered TaskTimedOut still suppresses the result
        await inFlight;
      },
    };
  }

  private async send(
    operation: string,
    context: LogContext,
    call: () => Promise<unknown>,
  ): Promise<Sent> {
    try {
      await call();
      return 'sent';
    } catch (error) {
      const name = (error as { name?: unknown } | null)?.name;
      if (typeof name === 'string' && TASK_CLOSED_ERRORS.has(name)) {
        this.logger.warn(
          { ...context, operation, reason: name },
          'Step Functions no longer waits for this task; dropping its result',
        );
        return 'already-closed';
      }
      throw error;
    }
  }
}

/** A short, stable reference to a task token for logs: the token itself is a credential. */
export function taskTokenRef(taskToken: string): string {
  return `sha256:${createHash('sha256').update(taskToken).digest('hex').slice(0, 12)}`;
}

/** At most `maxChars` UTF-16 units (so within AWS's limit however it counts), never half a surrogate pair. */
function truncate(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  let kept = text.slice(0, maxChars - 1);
  if (/[\uD800-\uDBFF]$/.test(kept)) kept = kept.slice(0, -1);
  return `${kept}…`;
}
