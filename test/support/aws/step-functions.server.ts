import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoopbackServer, PlannedFailures, ServiceError } from './loopback-server.js';
import { SFNClient, type SFNClientConfig } from '@aws-sdk/client-sfn';

/** One request the server received, and the error it answered with (if any). */
export interface RecordedCall {
  /** e.g. `SendTaskHeartbeat` */
  readonly operation: string;
  readonly body: Readonly<Record<string, unknown>>;
  /** The error type answered, e.g. `TaskTimedOut`; absent when the call succeeded. */
  readonly error?: string;
}

export type TaskState =
  | { readonly status: 'open' }
  | { readonly status: 'succeeded'; readonly output: unknown }
  | { readonly status: 'failed'; readonly error?: string; readonly cause?: string }
  | { readonly status: 'timed-out' };

export interface RecordedExecution {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly input: string;
  readonly startDate: number;
  status: 'RUNNING' | 'SUCCEEDED';
}

interface Hold {
  readonly operation: string;
  readonly taskToken?: string;
  readonly arrive: () => void;
  readonly released: Promise<void>;
}

const JSON_1_0 = 'application/x-amz-json-1.0';
const TARGET_PREFIX = 'AWSStepFunctions.';
/** Step Functions' own limits, so a client that ignores them fails here as it would in AWS. */
const LIMITS = { errorChars: 256, causeChars: 32_768, payloadBytes: 256 * 1024, nameChars: 80 };
const STATE_MACHINE_ARN = /^arn:[^:]+:states:[^:]+:[^:]+:stateMachine:[^:]+$/;
// eslint-disable-next-line no-control-regex -- control characters are what the rule rejects
const INVALID_NAME = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/u;

/**
 * A loopback Step Functions endpoint speaking the AWS JSON 1.0 protocol the SDK uses
 * (`POST /`, `X-Amz-Target: AWSStepFunctions.<Operation>`, errors as HTTP 400 with
 * `{"__type": "com.amazonaws.sfn#<Error>", "message": …}`). It implements StartExecution and the
 * task-token calls with AWS's semantics and records every call for assertions. One server serves
 * a whole spec file; tests isolate themselves with fresh tokens and state machine ARNs.
 *
 * @example
 * const server = new StepFunctionsServer();
 * const { endpoint } = await server.start();
 * const client = server.client();
 * server.openTask(token);
 * // … code under test calls SendTaskSuccess …
 * expect(server.task(token)).toEqual({ status: 'succeeded', output: { ok: true } });
 */
export class StepFunctionsServer extends LoopbackServer {
  private readonly recorded: RecordedCall[] = [];
  private readonly tasks = new Map<string, TaskState>();
  private readonly executions = new Map<string, RecordedExecution>();
  private readonly failures = new PlannedFailures();
  private readonly holds: Hold[] = [];

  /** A real SDK client pointed at this server; `destroy()` it when done. */
  client(config: Partial<SFNClientConfig> = {}): SFNClient {
    if (!this.endpoint) throw new Error('StepFunctionsServer is not started');
    return new SFNClient({
      endpoint: this.endpoint,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      ...config,
    });
  }

  /** Calls received so far, oldest first, optionally only one operation's or one token's. */
  calls(filter: { operation?: string; taskToken?: string } = {}): RecordedCall[] {
    return this.recorded.filter(
      (call) =>
        (filter.operation === undefined || call.operation === filter.operation) &&
        (filter.taskToken === undefined || call.body.taskToken === filter.taskToken),
    );
  }

  /** A Task state now waits for `token` (in AWS, the execution sent it in a task message). */
  openTask(token: string): void {
    this.tasks.set(token, { status: 'open' });
  }

  /** The Task state gave up on `token` (timeout or heartbeat timeout): Send* answer TaskTimedOut. */
  timeOutTask(token: string): void {
    this.tasks.set(token, { status: 'timed-out' });
  }

  task(token: string): TaskState | undefined {
    return this.tasks.get(token);
  }

  execution(executionArn: string): RecordedExecution | undefined {
    return this.executions.get(executionArn);
  }

  /** Closes a running execution, so starting its name again answers ExecutionAlreadyExists. */
  finishExecution(executionArn: string): void {
    const execution = this.executions.get(executionArn);
    if (!execution) throw new Error(`No execution ${executionArn}`);
    execution.status = 'SUCCEEDED';
  }

  /**
   * The next `count` calls (of `operation`, if given) fail with `type` (default
   * ThrottlingException, which the SDK retries up to its `maxAttempts`).
   */
  failNext(count: number, options: { operation?: string; type?: string } = {}): void {
    this.failures.plan(count, options);
  }

  /**
   * Holds the next call of `operation` (for `taskToken`, if given) unanswered until `release()`;
   * `arrived` settles when it comes in. It is answered from the state at release time.
   */
  holdNext(operation: string, taskToken?: string): { arrived: Promise<void>; release: () => void } {
    let arrive!: () => void;
    let release!: () => void;
    const arrived = new Promise<void>((resolve) => (arrive = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    this.holds.push({ operation, taskToken, arrive, released });
    return { arrived, release };
  }

  protected async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const target = String(request.headers['x-amz-target'] ?? '');
    const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
    let body: Record<string, unknown> = {};
    try {
      if (request.method !== 'POST' || request.url !== '/' || !operation) {
        throw new ServiceError('UnknownOperationException', `Unsupported request ${target}`);
      }
      if (!String(request.headers['content-type'] ?? '').startsWith(JSON_1_0)) {
        throw new ServiceError('SerializationException', `Content-Type must be ${JSON_1_0}`);
      }
      body = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
      await this.holdIfAsked(operation, body);
      this.failures.take(operation);
      const result = this.perform(operation, body);
      this.recorded.push({ operation, body });
      this.reply(response, 200, result);
    } catch (error) {
      const failure =
        error instanceof ServiceError
          ? error
          : new ServiceError('InternalFailure', (error as Error).message);
      this.recorded.push({ operation, body, error: failure.type });
      this.reply(response, 400, {
        __type: `com.amazonaws.sfn#${failure.type}`,
        message: failure.message,
      });
    }
  }

  private async holdIfAsked(operation: string, body: Record<string, unknown>): Promise<void> {
    const index = this.holds.findIndex(
      (hold) =>
        hold.operation === operation &&
        (hold.taskToken === undefined || hold.taskToken === body.taskToken),
    );
    if (index < 0) return;
    const [hold] = this.holds.splice(index, 1);
    hold!.arrive();
    await hold!.released;
  }

  private perform(operation: string, body: Record<string, unknown>): Record<string, unknown> {
    switch (operation) {
      case 'StartExecution':
        return this.startExecution(body);
      case 'SendTaskSuccess': {
        const output = requiredString(body, 'output');
        if (Buffer.byteLength(output, 'utf8') > LIMITS.payloadBytes) {
          throw new ServiceError('ValidationException', 'output exceeds 262144 bytes');
        }
        let parsed: unknown;
        try {
          parsed = JSON.parse(output);
        } catch {
          throw new ServiceError('InvalidOutput', 'output is not valid JSON');
        }
        this.closeTask(body, { status: 'succeeded', output: parsed });
        return {};
      }
      case 'SendTaskFailure': {
        const error = optionalString(body, 'error');
        const cause = optionalString(body, 'cause');
        if (error !== undefined && error.length > LIMITS.errorChars) {
          throw new ServiceError('ValidationException', `error exceeds ${LIMITS.errorChars}`);
        }
        if (cause !== undefined && cause.length > LIMITS.causeChars) {
          throw new ServiceError('ValidationException', `cause exceeds ${LIMITS.causeChars}`);
        }
        this.closeTask(body, { status: 'failed', error, cause });
        return {};
      }
      case 'SendTaskHeartbeat':
        this.openTaskOf(body);
        return {};
      default:
        throw new ServiceError('UnknownOperationException', `Unsupported operation ${operation}`);
    }
  }

  private startExecution(body: Record<string, unknown>): Record<string, unknown> {
    const stateMachineArn = requiredString(body, 'stateMachineArn');
    if (!STATE_MACHINE_ARN.test(stateMachineArn)) {
      throw new ServiceError('InvalidArn', `Invalid Arn: '${stateMachineArn}'`);
    }
    const name = optionalString(body, 'name') ?? randomUUID();
    if (name.length < 1 || name.length > LIMITS.nameChars || INVALID_NAME.test(name)) {
      throw new ServiceError('InvalidName', `Invalid Name: '${name}'`);
    }
    const input = optionalString(body, 'input') ?? '{}';
    try {
      JSON.parse(input);
    } catch {
      throw new ServiceError('InvalidExecutionInput', 'input is not valid JSON');
    }
    const executionArn = `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
    const existing = this.executions.get(executionArn);
    if (existing) {
      // AWS: same name and input while running is the same start; otherwise the name is taken.
      if (existing.status === 'RUNNING' && existing.input === input) {
        return { executionArn, startDate: existing.startDate };
      }
      throw new ServiceError(
        'ExecutionAlreadyExists',
        `Execution Already Exists: '${executionArn}'`,
      );
    }
    const startDate = Date.now() / 1000;
    this.executions.set(executionArn, {
      executionArn,
      stateMachineArn,
      name,
      input,
      startDate,
      status: 'RUNNING',
    });
    return { executionArn, startDate };
  }

  private openTaskOf(body: Record<string, unknown>): string {
    const token = requiredString(body, 'taskToken');
    const state = this.tasks.get(token);
    if (!state) throw new ServiceError('TaskDoesNotExist', 'Task does not exist');
    if (state.status !== 'open') {
      throw new ServiceError(
        'TaskTimedOut',
        "Task Timed Out: 'Provided task does not exist anymore'",
      );
    }
    return token;
  }

  private closeTask(body: Record<string, unknown>, outcome: TaskState): void {
    this.tasks.set(this.openTaskOf(body), outcome);
  }

  private reply(response: ServerResponse, status: number, body: unknown): void {
    const text = JSON.stringify(body);
    response.writeHead(status, {
      'content-type': JSON_1_0,
      'content-length': Buffer.byteLength(text),
      'x-amzn-requestid': randomUUID(),
    });
    response.end(text);
  }
}

function requiredString(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value.length === 0) {
    throw new ServiceError('ValidationException', `${field} is required`);
  }
  return value;
}

function optionalString(body: Record<string, unknown>, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    throw new ServiceError('ValidationException', `${field} must be a string`);
  }
  return value;
}
