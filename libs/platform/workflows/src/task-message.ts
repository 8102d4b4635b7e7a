import { TraceParent } from '#platform/observability';

/**
 * What a workflow Task sends to a module: the body of the SQS message in AWS
 * (`MessageBody` of the Task's Parameters), and the effective input of the Task locally.
 */
export interface TaskMessage {
  /** Step Functions' task token; locally a token of the local engine. */
  readonly taskToken: string;
  /** The module pattern to run, e.g. `inventory.reserve`. */
  readonly pattern: string;
  /** The correlation id of the request that started the execution. */
  readonly correlationId?: string;
  /**
   * The W3C traceparent the execution was started under (its input's), so the module's work
   * for a task joins the trace of the order across Step Functions and its task token.
   */
  readonly traceparent?: string;
  /** The pattern's request. */
  readonly input: unknown;
}

/**
 * Reads a task message; `undefined` when the value is not one (so a queue consumer can tell
 * task messages from ordinary commands).
 */
export function parseTaskMessage(value: unknown): TaskMessage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const candidate = value as Record<string, unknown>;
  if (typeof candidate.taskToken !== 'string' || candidate.taskToken.length === 0) return undefined;
  if (typeof candidate.pattern !== 'string' || !/^[a-z][\w-]*\.[\w.-]+$/.test(candidate.pattern))
    return undefined;
  if (candidate.correlationId !== undefined && typeof candidate.correlationId !== 'string')
    return undefined;
  if (!('input' in candidate)) return undefined;
  // A trace context is a hint: a malformed one starts no trace of its own, it fails no task.
  const traceparent = TraceParent.parse(candidate.traceparent)?.toString();
  return {
    taskToken: candidate.taskToken,
    pattern: candidate.pattern,
    correlationId: candidate.correlationId as string | undefined,
    ...(traceparent && { traceparent }),
    input: candidate.input,
  };
}

/**
 * Runs a task's pattern through the module bus and returns its reply. Failures are thrown as
 * errors whose `name` is the domain error name (what Retry/Catch match) and whose `message`
 * becomes the Cause.
 */
export type TaskDispatch = (task: TaskMessage) => Promise<unknown>;

const BUILT_IN_ERRORS: readonly unknown[] = [
  Error,
  TypeError,
  RangeError,
  SyntaxError,
  ReferenceError,
  EvalError,
  URIError,
  AggregateError,
];

/**
 * How a failed task is reported to the engine: the domain error's name (what Retry/Catch
 * match) and its message as the cause. Errors of the runtime itself (a bug) are reduced to
 * `InternalError` with a generic cause, so no internals leak into execution histories.
 */
export function taskFailureOf(error: unknown): { error: string; cause: string } {
  if (error instanceof Error && !BUILT_IN_ERRORS.includes(error.constructor))
    return { error: error.name, cause: error.message };
  return { error: 'InternalError', cause: 'The module failed to handle the task' };
}
