import { describe, expect, it } from '@jest/globals';
import { StateMachine } from 'aws-local-stepfunctions';
import { JSONPath } from 'jsonpath-plus';

/**
 * The local engine reads simple paths (`$.a.b`) without jsonpath-plus (our patch,
 * patches/aws-local-stepfunctions+3.0.0.patch, for speed). Whatever the path, a state must
 * see what jsonpath-plus finds, as before the patch.
 */
describe('JSONPath in the local workflow engine', () => {
  const input = {
    orderId: 'o-1',
    total: { amount: 1200, currency: 'EUR' },
    lines: [
      { sku: 'A', quantity: 1 },
      { sku: 'B', quantity: 2 },
    ],
    zero: 0,
    empty: '',
    no: false,
    nothing: null,
    deep: { a: { b: { c: ['x'] } } },
    text: 'abc',
  };
  const paths = [
    '$',
    '$.orderId',
    '$.total',
    '$.total.amount',
    '$.lines',
    '$.lines[1].sku',
    '$.lines[*].sku',
    '$.zero',
    '$.empty',
    '$.no',
    '$.nothing',
    '$.deep.a.b.c',
    '$.lines.length',
    '$.text.length',
  ];

  async function seen(path: string): Promise<unknown> {
    const machine = new StateMachine(
      {
        StartAt: 'Read',
        States: { Read: { Type: 'Pass', Parameters: { 'value.$': path }, End: true } },
      },
      { validationOptions: { noValidate: true } },
    );
    return ((await machine.run(input).result) as { value: unknown }).value;
  }

  it.each(paths)('%s reads what jsonpath-plus reads', async (path) => {
    expect(await seen(path)).toEqual(JSONPath({ path, json: input, wrap: false }));
  });

  it.each(['$.missing', '$.total.missing', '$.orderId.missing', '$.nothing.a'])(
    '%s, which matches nothing, fails the state as before',
    async (path) => {
      expect(JSONPath({ path, json: input, wrap: false })).toBeUndefined();
      await expect(seen(path)).rejects.toThrow(
        `Path expression '${path}' does not point to a value`,
      );
    },
  );

  it('reads the context object ($$) the same way', async () => {
    const machine = new StateMachine(
      {
        StartAt: 'Read',
        States: {
          Read: {
            Type: 'Pass',
            Parameters: { 'input.$': '$$.Execution.Input', 'id.$': '$$.Execution.Input.orderId' },
            End: true,
          },
        },
      },
      { validationOptions: { noValidate: true } },
    );
    expect(await machine.run(input).result).toEqual({ input, id: 'o-1' });
  });
});
