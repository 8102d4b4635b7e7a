import { describe, expect, it } from '@jest/globals';
import { StateMachine } from 'aws-local-stepfunctions';
import { parseTaskMessage } from './task-message.js';
import { WorkflowDefinition } from './workflow-definition.js';

const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('a workflow task message', () => {
  it('carries the trace context the execution was started under', () => {
    expect(
      parseTaskMessage({ taskToken: 't', pattern: 'payments.capture', traceparent, input: {} }),
    ).toEqual({ taskToken: 't', pattern: 'payments.capture', traceparent, input: {} });
  });

  it.each([
    'not-a-traceparent',
    '00-00000000000000000000000000000000-00f067aa0ba902b7-01',
    42,
    '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\u0000',
  ])('ignores malformed trace context #%# and still runs the task', (malformed) => {
    const task = parseTaskMessage({
      taskToken: 't',
      pattern: 'payments.capture',
      traceparent: malformed,
      input: {},
    });
    expect(task).toEqual({ taskToken: 't', pattern: 'payments.capture', input: {} });
  });

  it('puts the execution input’s traceparent in a Task’s message (the lint requires it of every Task)', async () => {
    const saga = WorkflowDefinition.load('ordering', 'order-fulfilment');
    const tasks = saga.tasks;
    expect(tasks.length).toBeGreaterThan(5);
    // Run the saga's first Task's Parameters as Step Functions would build its message.
    const [first] = tasks;
    const body = (saga.asl.States[first!.state]!.Parameters as { MessageBody: unknown })
      .MessageBody;
    const machine = new StateMachine(
      {
        StartAt: 'Send',
        States: { Send: { Type: 'Pass', Parameters: body as never, End: true } },
      },
      { validationOptions: { noValidate: true } },
    );
    const message = await machine.run(
      { orderId: 'o-1', lines: [], correlationId: 'c-1', traceparent },
      { context: { Task: { Token: 'token-1' } } },
    ).result;
    expect(parseTaskMessage(message)).toMatchObject({ taskToken: 'token-1', traceparent });
  });
});
