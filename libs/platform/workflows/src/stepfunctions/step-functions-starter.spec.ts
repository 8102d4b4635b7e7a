import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { SFNClient } from '@aws-sdk/client-sfn';
import { StepFunctionsServer } from '../../../../../test/support/aws/step-functions.server.js';
import { StepFunctionsStarter } from './step-functions-starter.js';

describe('StepFunctionsStarter', () => {
  const server = new StepFunctionsServer();
  let client: SFNClient;
  let starter: StepFunctionsStarter;

  beforeAll(async () => {
    await server.start();
    client = server.client({ maxAttempts: 1 });
    starter = new StepFunctionsStarter(client);
  });

  afterAll(async () => {
    client.destroy();
    await server.stop();
  });

  /** A state machine of its own per test, so the shared server's records never mix. */
  const freshStateMachine = () => {
    const name = `order-fulfilment-${randomUUID().slice(0, 8)}`;
    return {
      stateMachineArn: `arn:aws:states:eu-west-1:123456789012:stateMachine:${name}`,
      executionArn: (execution: string) =>
        `arn:aws:states:eu-west-1:123456789012:execution:${name}:${execution}`,
    };
  };
  const startsOf = (stateMachineArn: string) =>
    server
      .calls({ operation: 'StartExecution' })
      .filter((call) => call.body.stateMachineArn === stateMachineArn);

  it('starts an execution named after the business key, with the input as JSON', async () => {
    const machine = freshStateMachine();
    const orderId = randomUUID();

    const started = await starter.start({
      stateMachineArn: machine.stateMachineArn,
      name: orderId,
      input: { orderId, correlationId: 'corr-1' },
    });

    expect(started).toEqual({ executionArn: machine.executionArn(orderId), alreadyStarted: false });
    expect(server.execution(started.executionArn)).toMatchObject({
      name: orderId,
      status: 'RUNNING',
    });
    expect(JSON.parse(server.execution(started.executionArn)!.input)).toEqual({
      orderId,
      correlationId: 'corr-1',
    });
  });

  it('returns the same execution when a start is retried while it runs', async () => {
    const machine = freshStateMachine();
    const orderId = randomUUID();
    const request = { stateMachineArn: machine.stateMachineArn, name: orderId, input: { orderId } };

    const first = await starter.start(request);
    const retried = await starter.start(request);

    expect(retried.executionArn).toBe(first.executionArn);
    expect(retried.alreadyStarted).toBe(false);
    expect(startsOf(machine.stateMachineArn).map((call) => call.error)).toEqual([
      undefined,
      undefined,
    ]);
    expect(server.execution(first.executionArn)?.status).toBe('RUNNING');
  });

  it('reports alreadyStarted with the existing ARN once the execution has closed', async () => {
    const machine = freshStateMachine();
    const orderId = randomUUID();
    const request = { stateMachineArn: machine.stateMachineArn, name: orderId, input: { orderId } };
    const first = await starter.start(request);
    server.finishExecution(first.executionArn);

    const retried = await starter.start(request);

    expect(retried).toEqual({ executionArn: first.executionArn, alreadyStarted: true });
    expect(startsOf(machine.stateMachineArn).map((call) => call.error)).toEqual([
      undefined,
      'ExecutionAlreadyExists',
    ]);
  });

  it('reports alreadyStarted when the key was started with other input', async () => {
    const machine = freshStateMachine();
    const orderId = randomUUID();
    await starter.start({
      stateMachineArn: machine.stateMachineArn,
      name: orderId,
      input: { a: 1 },
    });

    const again = await starter.start({
      stateMachineArn: machine.stateMachineArn,
      name: orderId,
      input: { a: 2 },
    });

    expect(again).toEqual({ executionArn: machine.executionArn(orderId), alreadyStarted: true });
  });

  it.each([
    ['empty', ''],
    ['81 characters', 'x'.repeat(81)],
    ['a space', 'order 1'],
    ['a tab', 'order\t1'],
    ['a slash', 'order/1'],
    ['a colon', 'order:1'],
    ['a question mark', 'order?1'],
    ['a control character', 'order\u00011'],
    ['a C1 control character', 'order\u00851'],
  ])('rejects an execution name with %s before calling AWS', async (_case, name) => {
    const machine = freshStateMachine();

    await expect(
      starter.start({ stateMachineArn: machine.stateMachineArn, name, input: {} }),
    ).rejects.toThrow(/Execution name/);
    expect(startsOf(machine.stateMachineArn)).toEqual([]);
  });

  it('accepts a name of exactly 80 allowed characters', async () => {
    const machine = freshStateMachine();
    const name = `order-${'a'.repeat(74)}`;

    await expect(
      starter.start({ stateMachineArn: machine.stateMachineArn, name, input: {} }),
    ).resolves.toEqual({ executionArn: machine.executionArn(name), alreadyStarted: false });
  });

  it('rejects a state machine ARN it cannot derive execution ARNs from', async () => {
    await expect(
      starter.start({ stateMachineArn: 'order-fulfilment', name: randomUUID(), input: {} }),
    ).rejects.toThrow(/stateMachineArn must look like/);
  });

  it('lets other AWS errors through', async () => {
    const machine = freshStateMachine();
    server.failNext(1, { operation: 'StartExecution', type: 'StateMachineDoesNotExist' });

    await expect(
      starter.start({ stateMachineArn: machine.stateMachineArn, name: randomUUID(), input: {} }),
    ).rejects.toMatchObject({ name: 'StateMachineDoesNotExist' });
  });
});
