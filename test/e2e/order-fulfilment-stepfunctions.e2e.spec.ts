import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { WorkflowOptions } from '#platform/workflows';
import { StepFunctionsServer } from '../support/aws/step-functions.server.js';
import { eventually } from '../support/eventually.js';
import { stockedProduct } from '../support/order-mix.js';
import { placeOrder } from '../support/shop.js';
import { clientsFor, startMonolith, type TestApplication } from '../support/test-application.js';

const STATE_MACHINE_PREFIX = 'arn:aws:states:eu-west-1:123456789012:stateMachine:seam-test-';
const QUEUE_PREFIX = 'https://sqs.eu-west-1.amazonaws.com/123456789012/seam-test-';
const AWS_ENV = [
  'AWS_ENDPOINT_URL_SFN',
  'AWS_REGION',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
];

/**
 * SEAM_WORKFLOW_ENGINE=stepfunctions: placing an order starts the saga in AWS Step Functions
 * (a loopback server speaking its API, with the real SDK client), named by the order id.
 */
describe('order fulfilment on Step Functions', () => {
  const stepFunctions = new StepFunctionsServer();
  let monolith: TestApplication;
  const admin = clientsFor(() => monolith)('ops', ['admin']);
  const customer = clientsFor(() => monolith)('sfn-customer');

  const execution = async (orderId: string) => {
    const list = await admin('GET', '/workflows/executions?workflow=order-fulfilment&pageSize=100');
    const summary = list.body.items.find((item: { name: string }) => item.name === orderId);
    return summary && (await admin('GET', `/workflows/executions/${summary.id}`)).body;
  };

  beforeAll(async () => {
    const { endpoint } = await stepFunctions.start();
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_SFN: endpoint,
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
    });
    monolith = await startMonolith({
      workflows: WorkflowOptions.fromEnv({
        SEAM_WORKFLOW_ENGINE: 'stepfunctions',
        SEAM_STATE_MACHINE_ARN_PREFIX: STATE_MACHINE_PREFIX,
        SEAM_QUEUE_URL_PREFIX: QUEUE_PREFIX,
      }),
    });
  });

  afterAll(async () => {
    await monolith?.close();
    await stepFunctions.stop();
    for (const key of AWS_ENV) delete process.env[key];
  });

  it('starts one execution per order, named by the order id, with the module queues', async () => {
    const sku = await stockedProduct(admin, 5, 'SFN');
    const placed = await placeOrder(customer, [{ sku, quantity: 1 }]);
    const orderId: string = placed.body.id;

    const started = await eventually(
      () =>
        stepFunctions
          .calls({ operation: 'StartExecution' })
          .filter((call) => call.body.name === orderId),
      (calls) => calls.length > 0,
      'StartExecution for the order',
    );
    expect(started).toHaveLength(1);
    expect(started[0]!.body.stateMachineArn).toBe(`${STATE_MACHINE_PREFIX}order-fulfilment`);
    const input = JSON.parse(started[0]!.body.input as string);
    expect(input).toMatchObject({
      orderId,
      cardToken: 'tok_approve',
      lines: [{ sku, quantity: 1 }],
      queues: {
        inventory: `${QUEUE_PREFIX}inventory`,
        ordering: `${QUEUE_PREFIX}ordering`,
        payments: `${QUEUE_PREFIX}payments`,
        shipping: `${QUEUE_PREFIX}shipping`,
      },
    });
    expect(input.correlationId).toEqual(expect.any(String));

    const record = await eventually(
      () => execution(orderId),
      (body) => body?.status === 'SUBMITTED',
      'the execution to be handed over',
    );
    expect(record).toMatchObject({ engine: 'stepfunctions', runs: 1, steps: [] });
    expect(record.externalId).toBe(
      `arn:aws:states:eu-west-1:123456789012:execution:seam-test-order-fulfilment:${orderId}`,
    );
    // The state machine AWS runs is this file, byte for byte (the infrastructure deploys it).
    const source = readFileSync('libs/modules/ordering/workflows/order-fulfilment.asl.json');
    expect(record.definitionHash).toBe(createHash('sha256').update(source).digest('hex'));
  });

  it('keeps the start when Step Functions throttles, and hands it over once it answers', async () => {
    stepFunctions.failNext(3, { operation: 'StartExecution' }); // more than the SDK retries
    const sku = await stockedProduct(admin, 5, 'SFN');
    const placed = await placeOrder(customer, [{ sku, quantity: 1 }]);

    const record = await eventually(
      () => execution(placed.body.id),
      (body) => body?.status === 'SUBMITTED',
      'the postponed execution to be handed over',
      20_000,
    );
    expect(record.runs).toBe(2);
    const attempts = stepFunctions
      .calls({ operation: 'StartExecution' })
      .filter((call) => call.body.name === placed.body.id);
    expect(attempts.filter((call) => call.error === 'ThrottlingException')).toHaveLength(3);
    expect(attempts.filter((call) => !call.error)).toHaveLength(1);
  });
});
