import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Module } from '@nestjs/common';
import { Payments } from '#contracts/payments';
import { MessagingModule, ModuleBus, type ModuleError } from '#platform/messaging';
import { PaymentGateway } from '../../libs/modules/payments/src/domain/payment-gateway.js';
import { SimulatedPaymentGateway } from '../../libs/modules/payments/src/infrastructure/simulated-payment-gateway.js';
import { dataOf, placeOrderVia, seamApi, type SeamApi } from '../support/api-client.js';
import { freshSku, startMonolith, type TestApplication } from '../support/test-application.js';

@Module({ imports: [MessagingModule.forModule('payments_probe')], exports: [MessagingModule] })
class CallerModule {}

/** Domestic shipping of a parcel up to 2 kg, added to every test order. */
const SHIPPING = 490;

describe('payments', () => {
  let monolith: TestApplication;
  let bus: ModuleBus;
  let admin: SeamApi;
  let customer: SeamApi;
  const payments = () => bus.to(Payments);
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (error: unknown) => error as ModuleError,
    );

  /** A real PENDING order whose total is `total` euro cents. */
  async function order(
    total = 5997,
  ): Promise<{ orderId: string; amount: { amount: number; currency: string } }> {
    const sku = freshSku('PAY');
    await admin.POST('/catalog/products', {
      body: {
        sku,
        name: 'Thing',
        price: { amount: total - SHIPPING, currency: 'EUR' },
        weightGrams: 100,
      },
    });
    const placed = dataOf(await placeOrderVia(customer, [{ sku, quantity: 1 }]));
    expect(placed.total).toEqual({ amount: total, currency: 'EUR' });
    return { orderId: placed.id, amount: placed.total };
  }

  const paymentOf = async (orderId: string) =>
    dataOf(await admin.GET('/payments/{orderId}', { params: { path: { orderId } } }));

  const authorized = async (total = 5997) => {
    const { orderId, amount } = await order(total);
    await payments().send('payments.authorize', { orderId, amount, cardToken: 'tok_approve' });
    return orderId;
  };

  beforeAll(async () => {
    process.env.SEAM_PAYMENT_GATEWAY_TIMEOUT_MS = '200';
    monolith = await startMonolith({ extraModules: [CallerModule], runWorkflows: false });
    bus = monolith.app.select(CallerModule).get(ModuleBus);
    admin = seamApi(monolith, 'ops', ['admin']);
    customer = seamApi(monolith, 'payer');
  });

  afterAll(async () => {
    delete process.env.SEAM_PAYMENT_GATEWAY_TIMEOUT_MS;
    await monolith.close();
  });

  it('authorises the order total once per order: a repeat returns the same payment, another amount is refused', async () => {
    const { orderId, amount } = await order(5997);
    const request = { orderId, amount, cardToken: 'tok_approve' };
    const results = await Promise.all(
      [1, 2, 3].map(() => payments().send('payments.authorize', request)),
    );
    expect(results[0]).toMatchObject({
      orderId,
      status: 'AUTHORIZED',
      currency: 'EUR',
      authorizedAmount: 5997,
      capturedAmount: 0,
    });
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
    const mismatch = await failure(
      payments().send('payments.authorize', {
        ...request,
        amount: { amount: 6000, currency: 'EUR' },
      }),
    );
    expect(mismatch).toMatchObject({
      name: 'PaymentAmountMismatchError',
      code: 'PAYMENT_AMOUNT_MISMATCH',
    });
  });

  it('refuses to authorise anything but the order total', async () => {
    const { orderId } = await order(5997);
    const error = await failure(
      payments().send('payments.authorize', {
        orderId,
        amount: { amount: 5996, currency: 'EUR' },
        cardToken: 'tok_approve',
      }),
    );
    expect(error).toMatchObject({
      code: 'AMOUNT_NOT_ORDER_TOTAL',
      details: { total: { amount: 5997, currency: 'EUR' } },
    });
    expect((await paymentOf(orderId)).status).toBe('NONE');
  });

  it.each([
    ['tok_decline', 'DECLINED'],
    ['tok_insufficient_funds', 'INSUFFICIENT_FUNDS'],
  ])(
    'declines %s with reason %s, and gives the same answer when asked again',
    async (cardToken, reason) => {
      const { orderId, amount } = await order();
      for (let attempt = 0; attempt < 2; attempt++) {
        expect(
          await failure(payments().send('payments.authorize', { orderId, amount, cardToken })),
        ).toMatchObject({
          name: 'PaymentDeclinedError',
          code: 'PAYMENT_DECLINED',
          details: { reason },
        });
      }
      expect(await paymentOf(orderId)).toMatchObject({
        status: 'DECLINED',
        declineReason: reason,
      });
    },
  );

  it('reports a transient gateway failure without recording anything, and succeeds on retry', async () => {
    const { orderId, amount } = await order();
    const request = { orderId, amount, cardToken: 'tok_flaky' };
    expect(await failure(payments().send('payments.authorize', request))).toMatchObject({
      name: 'PaymentGatewayUnavailableError',
      code: 'PAYMENT_GATEWAY_UNAVAILABLE',
    });
    expect((await paymentOf(orderId)).status).toBe('NONE');
    expect(await payments().send('payments.authorize', request)).toMatchObject({
      status: 'AUTHORIZED',
    });
  });

  it('times out a gateway that does not answer, as a transient error', async () => {
    const { orderId, amount } = await order();
    expect(
      await failure(
        payments().send('payments.authorize', { orderId, amount, cardToken: 'tok_timeout' }),
      ),
    ).toMatchObject({
      name: 'PaymentGatewayTimeoutError',
      details: { operation: 'authorize', timeoutMs: 200 },
    });
    expect((await paymentOf(orderId)).status).toBe('NONE');
  });

  it('captures what was authorised, once, and never more', async () => {
    const orderId = await authorized(5997);
    expect(
      await failure(payments().send('payments.capture', { orderId, amount: 5998 })),
    ).toMatchObject({
      code: 'CAPTURE_EXCEEDS_AUTHORIZATION',
      details: { authorized: 5997, requested: 5998 },
    });
    const captures = await Promise.all(
      [1, 2].map(() => payments().send('payments.capture', { orderId })),
    );
    expect(captures.map((c) => [c.status, c.capturedAmount])).toEqual([
      ['CAPTURED', 5997],
      ['CAPTURED', 5997],
    ]);
    const partial = await authorized(1000);
    expect(
      await payments().send('payments.capture', { orderId: partial, amount: 400 }),
    ).toMatchObject({ capturedAmount: 400 });
    expect(
      await failure(payments().send('payments.capture', { orderId: randomUUID() })),
    ).toMatchObject({ code: 'PAYMENT_NOT_FOUND' });
  });

  it('voids an authorisation once; voiding nothing is a no-op; a captured payment cannot be voided', async () => {
    const orderId = await authorized();
    const voids = await Promise.all(
      [1, 2].map(() => payments().send('payments.void', { orderId })),
    );
    expect(voids.map((v) => v.status)).toEqual(['VOIDED', 'VOIDED']);
    expect(await failure(payments().send('payments.capture', { orderId }))).toMatchObject({
      code: 'PAYMENT_INVALID_STATE',
    });
    expect(await payments().send('payments.void', { orderId: randomUUID() })).toMatchObject({
      status: 'NONE',
    });

    const captured = await authorized();
    await payments().send('payments.capture', { orderId: captured });
    expect(await failure(payments().send('payments.void', { orderId: captured }))).toMatchObject({
      name: 'PaymentAlreadyCapturedError',
      code: 'PAYMENT_ALREADY_CAPTURED',
    });
  });

  it('never lets a capture and a void of one order both reach the gateway', async () => {
    const gateway = monolith.app.get(PaymentGateway, { strict: false }) as SimulatedPaymentGateway;
    for (let i = 0; i < 5; i++) {
      const orderId = await authorized();
      const outcomes = await Promise.allSettled([
        payments().send('payments.capture', { orderId }),
        payments().send('payments.void', { orderId }),
      ]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const reached = gateway.calls.filter(
        (key) => key === `${orderId}:capture` || key === `${orderId}:void`,
      );
      expect(reached).toHaveLength(1);
    }
  });

  it('refuses to authorise an order that is no longer pending', async () => {
    const { orderId, amount } = await order();
    await customer.POST('/orders/{id}/cancel', { params: { path: { id: orderId } } });
    expect(
      await failure(
        payments().send('payments.authorize', { orderId, amount, cardToken: 'tok_approve' }),
      ),
    ).toMatchObject({
      code: 'ORDER_NOT_PAYABLE',
      details: { status: 'CANCELLED' },
    });
  });

  it('refunds a captured payment in full, once, and nothing else', async () => {
    const orderId = await authorized(2500);
    expect(await failure(payments().send('payments.refund', { orderId }))).toMatchObject({
      code: 'PAYMENT_INVALID_STATE',
    });
    await payments().send('payments.capture', { orderId });
    const refunds = await Promise.all(
      [1, 2].map(() => payments().send('payments.refund', { orderId })),
    );
    expect(refunds.map((r) => [r.status, r.refundedAmount])).toEqual([
      ['REFUNDED', 2500],
      ['REFUNDED', 2500],
    ]);
  });

  it('rejects malformed payment requests, naming the fields', async () => {
    const error = await failure(
      payments().send('payments.authorize', {
        orderId: 'bad id',
        amount: { amount: 1.5, currency: 'EUR' },
        cardToken: '4111111111111111',
      }),
    );
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((error!.details.violations as { field: string }[]).map((v) => v.field).sort()).toEqual([
      'amount.amount',
      'cardToken',
      'orderId',
    ]);
  });
});
