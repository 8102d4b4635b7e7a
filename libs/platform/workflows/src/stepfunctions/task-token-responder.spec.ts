import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { SFNClient } from '@aws-sdk/client-sfn';
import { Logger, type LoggerService } from '@nestjs/common';
import { RuleViolationError } from '#platform/domain';
import { ModuleError } from '#platform/messaging';
import { eventually } from '../../../../../test/support/eventually.js';
import { StepFunctionsServer } from '../../../../../test/support/aws/step-functions.server.js';
import { taskFailureOf, type TaskDispatch, type TaskMessage } from '../task-message.js';
import {
  OUTPUT_TOO_LARGE_ERROR,
  TaskResultLimits,
  TaskTokenResponder,
  taskTokenRef,
} from './task-token-responder.js';

class PaymentDeclinedError extends RuleViolationError {
  readonly code = 'PAYMENT_DECLINED';
}

/** A promise the test settles when it has seen what it waits for. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/** Every log line, as text, so a test can tell what reached the logs. */
class CapturingLogger implements LoggerService {
  readonly lines: string[] = [];
  log = (...args: unknown[]) => this.capture(args);
  warn = (...args: unknown[]) => this.capture(args);
  error = (...args: unknown[]) => this.capture(args);
  debug = (...args: unknown[]) => this.capture(args);
  verbose = (...args: unknown[]) => this.capture(args);
  private capture(args: unknown[]) {
    this.lines.push(
      JSON.stringify(args, (_key, value: unknown) =>
        value instanceof Error ? { ...value, message: value.message, stack: value.stack } : value,
      ),
    );
  }
}

describe('TaskTokenResponder', () => {
  const server = new StepFunctionsServer();
  const logs = new CapturingLogger();
  let client: SFNClient;
  const HEARTBEAT_MS = 20;
  /** Long enough that no heartbeat happens in tests about the answer alone. */
  const NO_HEARTBEAT_MS = 60_000;

  beforeAll(async () => {
    await server.start();
    client = server.client({ maxAttempts: 1 });
    Logger.overrideLogger(logs);
  });

  afterEach(() => {
    logs.lines.length = 0;
  });

  afterAll(async () => {
    client.destroy();
    await server.stop();
  });

  const openTask = (input: unknown = { orderId: randomUUID() }): TaskMessage => {
    const task = {
      taskToken: `token-${randomUUID()}`,
      pattern: 'payments.authorize',
      correlationId: `corr-${randomUUID()}`,
      input,
    };
    server.openTask(task.taskToken);
    return task;
  };
  const responder = (dispatch: TaskDispatch, heartbeatIntervalMs = NO_HEARTBEAT_MS) =>
    new TaskTokenResponder(client, dispatch, { heartbeatIntervalMs });
  const callsFor = (task: TaskMessage, operation?: string) =>
    server.calls({ taskToken: task.taskToken, operation });
  const heartbeatsOf = (task: TaskMessage) => callsFor(task, 'SendTaskHeartbeat');

  describe('answering', () => {
    it('sends the reply as the task output', async () => {
      const task = openTask();

      const outcome = await responder(async () => ({
        authorizationId: 'auth-1',
        amount: 1250,
      })).respond(task);

      expect(outcome).toBe('succeeded');
      expect(server.task(task.taskToken)).toEqual({
        status: 'succeeded',
        output: { authorizationId: 'auth-1', amount: 1250 },
      });
      expect(callsFor(task).map((call) => call.operation)).toEqual(['SendTaskSuccess']);
    });

    it('sends null as the output when the pattern replies nothing', async () => {
      const task = openTask();

      await expect(responder(async () => undefined).respond(task)).resolves.toBe('succeeded');

      expect(server.task(task.taskToken)).toEqual({ status: 'succeeded', output: null });
    });

    it('tells onFailure of each failed task (a step error), and of no succeeded one', async () => {
      const failed: string[] = [];
      const counting = (dispatch: TaskDispatch) =>
        new TaskTokenResponder(client, dispatch, {
          heartbeatIntervalMs: NO_HEARTBEAT_MS,
          onFailure: (task) => failed.push(task.taskToken),
        });
      const good = openTask();
      const declined = openTask();

      await counting(async () => ({})).respond(good);
      await counting(async () => {
        throw new PaymentDeclinedError('Card declined', {});
      }).respond(declined);

      expect(failed).toEqual([declined.taskToken]);
      expect(server.task(declined.taskToken)).toMatchObject({ status: 'failed' });
    });

    it('passes the task to the dispatch', async () => {
      const task = openTask({ orderId: 'o-1', amount: 1250 });
      const seen: TaskMessage[] = [];

      await responder(async (received) => {
        seen.push(received);
        return {};
      }).respond(task);

      expect(seen).toEqual([task]);
    });

    it.each([
      [
        'a domain error',
        () => new PaymentDeclinedError('Card declined: insufficient funds', { orderId: 'o-1' }),
      ],
      [
        'a module error from the bus',
        () =>
          new ModuleError(
            'PaymentDeclinedError',
            'PAYMENT_DECLINED',
            'Card declined: insufficient funds',
          ),
      ],
    ])('fails the task with the name and message of %s', async (_case, error) => {
      const task = openTask();

      const outcome = await responder(async () => {
        throw error();
      }).respond(task);

      expect(outcome).toBe('failed');
      expect(server.task(task.taskToken)).toEqual({
        status: 'failed',
        error: 'PaymentDeclinedError',
        cause: 'Card declined: insufficient funds',
      });
    });

    it.each([
      ['an Error', () => new Error('connect ECONNREFUSED 10.0.4.7:5432 user=seam_payments')],
      ['a TypeError', () => new TypeError("Cannot read properties of undefined (reading 'id')")],
      [
        'an infrastructure error with its own name',
        () =>
          Object.assign(
            new Error('duplicate key value violates unique constraint "payments_pkey"'),
            {
              name: 'QueryFailedError',
            },
          ),
      ],
      ['a thrown string', () => 'boom: secret internals'],
    ])('reports %s only as InternalError with a generic cause', async (_case, error) => {
      const task = openTask();

      const outcome = await responder(async () => {
        throw error();
      }).respond(task);

      expect(outcome).toBe('failed');
      const state = server.task(task.taskToken) as { error: string; cause: string };
      expect(state).toEqual({
        status: 'failed',
        error: 'InternalError',
        cause: expect.any(String),
      });
      expect(state.cause).toBe(taskFailureOf(new Error('anything')).cause);
      expect(state.cause).not.toMatch(/ECONNREFUSED|seam_payments|undefined|payments_pkey|secret/);
    });

    it('reports a dispatch that throws before returning a promise like any other failure', async () => {
      const task = openTask();
      const dispatch = (() => {
        throw new PaymentDeclinedError('Card declined');
      }) as TaskDispatch;

      await expect(responder(dispatch).respond(task)).resolves.toBe('failed');

      expect(server.task(task.taskToken)).toMatchObject({ error: 'PaymentDeclinedError' });
    });

    it('keeps error and cause within what Step Functions accepts', async () => {
      const task = openTask();
      const longName = `Payment${'Declined'.repeat(40)}Error`;

      const outcome = await responder(async () => {
        throw new ModuleError(longName, 'PAYMENT_DECLINED', 'why '.repeat(20_000));
      }).respond(task);

      expect(outcome).toBe('failed');
      const state = server.task(task.taskToken) as { error: string; cause: string };
      expect(state.error).toHaveLength(TaskResultLimits.errorChars);
      expect(longName.startsWith(state.error.slice(0, -1))).toBe(true);
      expect(state.cause).toHaveLength(TaskResultLimits.causeChars);
    });

    it('fails the task with Seam.OutputTooLarge when the reply exceeds 256 KiB', async () => {
      const task = openTask();

      const outcome = await responder(async () => ({ blob: 'x'.repeat(300_000) })).respond(task);

      expect(outcome).toBe('failed');
      expect(server.task(task.taskToken)).toMatchObject({
        status: 'failed',
        error: OUTPUT_TOO_LARGE_ERROR,
      });
      expect(callsFor(task, 'SendTaskSuccess')).toEqual([]);
    });
  });

  describe('heartbeats', () => {
    it('beats while the dispatch runs and stops before answering', async () => {
      const task = openTask();
      const slow = gate();
      const outcome = responder(async () => {
        await slow.opened;
        return { ok: true };
      }, HEARTBEAT_MS).respond(task);

      await eventually(
        () => heartbeatsOf(task).length,
        (n) => n >= 2,
        'two heartbeats',
      );
      slow.open();

      await expect(outcome).resolves.toBe('succeeded');
      const operations = callsFor(task).map((call) => call.operation);
      expect(operations.at(-1)).toBe('SendTaskSuccess');
      expect(operations.slice(0, -1).every((operation) => operation === 'SendTaskHeartbeat')).toBe(
        true,
      );
      expect(heartbeatsOf(task).every((call) => call.error === undefined)).toBe(true);
    });

    it('stops heartbeating and drops the result once a heartbeat says the task timed out', async () => {
      const task = openTask();
      const control = openTask();
      const release = gate();
      const respond = responder(async () => {
        await release.opened;
        return { ok: true };
      }, HEARTBEAT_MS);
      const outcome = respond.respond(task);
      const controlOutcome = respond.respond(control);

      await eventually(
        () => heartbeatsOf(task).length,
        (n) => n >= 1,
        'a heartbeat',
      );
      server.timeOutTask(task.taskToken);
      await eventually(
        () => heartbeatsOf(task).filter((call) => call.error === 'TaskTimedOut').length,
        (n) => n >= 1,
        'a heartbeat answered TaskTimedOut',
      );
      // Another task beating at the same interval shows time has passed for several beats.
      const controlBeats = heartbeatsOf(control).length;
      await eventually(
        () => heartbeatsOf(control).length,
        (n) => n >= controlBeats + 3,
        'three more heartbeats of the other task',
      );
      release.open();

      await expect(outcome).resolves.toBe('already-closed');
      await expect(controlOutcome).resolves.toBe('succeeded');
      expect(heartbeatsOf(task).filter((call) => call.error === 'TaskTimedOut')).toHaveLength(1);
      expect(callsFor(task, 'SendTaskSuccess')).toEqual([]);
      expect(callsFor(task, 'SendTaskFailure')).toEqual([]);
    });

    it('waits for a heartbeat in flight and answers nothing when it says the task timed out', async () => {
      const task = openTask();
      const slow = gate();
      const heartbeat = server.holdNext('SendTaskHeartbeat', task.taskToken);
      const outcome = responder(async () => {
        await slow.opened;
        return { ok: true };
      }, HEARTBEAT_MS).respond(task);

      await heartbeat.arrived;
      server.timeOutTask(task.taskToken);
      slow.open();
      heartbeat.release();

      await expect(outcome).resolves.toBe('already-closed');
      expect(callsFor(task).map((call) => [call.operation, call.error])).toEqual([
        ['SendTaskHeartbeat', 'TaskTimedOut'],
      ]);
    });

    it('keeps beating after a heartbeat fails for another reason', async () => {
      const task = openTask();
      const slow = gate();
      server.failNext(1, { operation: 'SendTaskHeartbeat', type: 'ThrottlingException' });
      const outcome = responder(async () => {
        await slow.opened;
        return {};
      }, HEARTBEAT_MS).respond(task);

      await eventually(
        () => heartbeatsOf(task).filter((call) => call.error === undefined).length,
        (n) => n >= 1,
        'a heartbeat accepted after the throttled one',
      );
      slow.open();

      await expect(outcome).resolves.toBe('succeeded');
      expect(heartbeatsOf(task)[0]?.error).toBe('ThrottlingException');
    });
  });

  describe('when Step Functions no longer waits', () => {
    it('resolves already-closed when the answer meets TaskTimedOut', async () => {
      const task = openTask();
      server.timeOutTask(task.taskToken);

      await expect(responder(async () => ({ ok: true })).respond(task)).resolves.toBe(
        'already-closed',
      );
      expect(callsFor(task).map((call) => [call.operation, call.error])).toEqual([
        ['SendTaskSuccess', 'TaskTimedOut'],
      ]);
    });

    it('resolves already-closed when a failure meets TaskDoesNotExist', async () => {
      const task = { ...openTask(), taskToken: `never-opened-${randomUUID()}` };

      await expect(
        responder(async () => {
          throw new PaymentDeclinedError('Card declined');
        }).respond(task),
      ).resolves.toBe('already-closed');
      expect(callsFor(task).map((call) => [call.operation, call.error])).toEqual([
        ['SendTaskFailure', 'TaskDoesNotExist'],
      ]);
    });
  });

  describe('when Step Functions cannot be reached', () => {
    it('rejects after the SDK has used up its retries, leaving the task open', async () => {
      const retrying = server.client({ maxAttempts: 2 });
      try {
        const task = openTask();
        server.failNext(2, { operation: 'SendTaskSuccess', type: 'ThrottlingException' });

        await expect(
          new TaskTokenResponder(retrying, async () => ({ ok: true }), {
            heartbeatIntervalMs: NO_HEARTBEAT_MS,
          }).respond(task),
        ).rejects.toMatchObject({ name: 'ThrottlingException' });
        expect(callsFor(task, 'SendTaskSuccess').map((call) => call.error)).toEqual([
          'ThrottlingException',
          'ThrottlingException',
        ]);
        expect(server.task(task.taskToken)).toEqual({ status: 'open' });
      } finally {
        retrying.destroy();
      }
    });
  });

  describe('logging', () => {
    it('logs correlation id, pattern and a token reference, never the token or the input', async () => {
      const task = openTask({ cardNumber: '4111111111111111' });
      server.timeOutTask(task.taskToken);
      const failing = openTask({ cardNumber: '4111111111111111' });

      await responder(async () => ({ ok: true })).respond(task);
      await responder(async () => {
        throw new Error('gateway exploded');
      }).respond(failing);

      expect(logs.lines.length).toBeGreaterThanOrEqual(2);
      const all = logs.lines.join('\n');
      expect(all).toContain(task.correlationId);
      expect(all).toContain(taskTokenRef(task.taskToken));
      expect(all).toContain(failing.correlationId);
      expect(all).toContain('payments.authorize');
      expect(all).not.toContain(task.taskToken);
      expect(all).not.toContain(failing.taskToken);
      expect(all).not.toContain('4111111111111111');
    });
  });

  it('refuses a heartbeat interval that is not a positive integer', () => {
    expect(() => responder(async () => null, 0)).toThrow(/heartbeatIntervalMs/);
    expect(() => responder(async () => null, Number.NaN)).toThrow(/heartbeatIntervalMs/);
  });
});
