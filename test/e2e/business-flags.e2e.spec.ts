import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PaymentGateway } from '../../libs/modules/payments/src/domain/payment-gateway.js';
import type { SimulatedPaymentGateway } from '../../libs/modules/payments/src/infrastructure/simulated-payment-gateway.js';
import { eventually } from '../support/eventually.js';
import { setFlag } from '../support/flags.js';
import { REJECT_REASON, stockedProduct } from '../support/order-mix.js';
import { auditWhenSagasEnd, TERMINAL_ORDER_STATES } from '../support/saga-audit.js';
import { placeOrder, shippingAddress } from '../support/shop.js';
import { clientsFor, startMonolith, type TestApplication } from '../support/test-application.js';
import { testDatabase } from '../support/test-database.js';

/** The business flags of the flag document change what the domain does, live. */
describe('business flags', () => {
  let monolith: TestApplication;
  const as = clientsFor(() => monolith);
  const admin = as('ops', ['admin']);
  const customer = as(`flags-${randomUUID()}`);

  const ended = (orderId: string) =>
    eventually(
      async () => (await customer('GET', `/orders/${orderId}`)).body,
      (order) => TERMINAL_ORDER_STATES.includes(order.status),
      `order ${orderId} to end`,
    );

  beforeAll(async () => {
    monolith = await startMonolith();
  });

  afterAll(async () => {
    await monolith?.close();
  });

  describe('express-shipping', () => {
    const quote = (speed: string) =>
      as('anyone')('GET', `/shipping/quote?country=DE&weightGrams=400&currency=EUR&speed=${speed}`);

    it('off: express is neither quoted nor sold', async () => {
      await setFlag(monolith, 'express-shipping', { enabled: false });
      const refused = await quote('express');
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('EXPRESS_SHIPPING_UNAVAILABLE');

      const sku = await stockedProduct(admin, 5, 'EXP');
      const order = await customer(
        'POST',
        '/orders',
        {
          lines: [{ sku, quantity: 1 }],
          shippingAddress: shippingAddress(),
          paymentToken: 'tok_approve',
          shippingSpeed: 'express',
        },
        { 'idempotency-key': `key-${randomUUID()}` },
      );
      expect(order.status).toBe(422);
      expect(order.body.code).toBe('EXPRESS_SHIPPING_UNAVAILABLE');
    });

    it('on: express costs the surcharge, and the parcel goes express', async () => {
      await setFlag(monolith, 'express-shipping', { enabled: true, surchargePercent: 50 });
      const standard = await quote('standard');
      const express = await quote('express');
      expect(express.status).toBe(200);
      expect(express.body).toMatchObject({ speed: 'express' });
      expect(express.body.price.amount).toBe(Math.round(standard.body.price.amount * 1.5));

      const sku = await stockedProduct(admin, 5, 'EXP');
      const placed = await customer(
        'POST',
        '/orders',
        {
          lines: [{ sku, quantity: 1 }],
          shippingAddress: shippingAddress(),
          paymentToken: 'tok_approve',
          shippingSpeed: 'express',
        },
        { 'idempotency-key': `key-${randomUUID()}` },
      );
      expect(placed.status).toBe(201);
      expect(placed.body).toMatchObject({
        shippingSpeed: 'express',
        shippingTotal: express.body.price,
      });

      // Switched off while the order is under way: the customer still gets what they paid for.
      await setFlag(monolith, 'express-shipping', { enabled: false });
      expect((await ended(placed.body.id)).status).toBe('CONFIRMED');
      const shipment = await admin('GET', `/shipping/shipments/${placed.body.id}`);
      expect(shipment.body).toMatchObject({ carrier: 'SEAM-EXPRESS', price: express.body.price });
    });
  });

  describe('fraud-check', () => {
    const gateway = () => monolith.app.get(PaymentGateway) as SimulatedPaymentGateway;

    it('off: a large order goes through', async () => {
      await setFlag(monolith, 'fraud-check', { enabled: false, maxOrderAmount: 2000 });
      const sku = await stockedProduct(admin, 5, 'FRAUD');
      const placed = await placeOrder(customer, [{ sku, quantity: 3 }]);
      expect(placed.status).toBe(201);
      expect(placed.body.total.amount).toBeGreaterThan(2000);
      expect((await ended(placed.body.id)).status).toBe('CONFIRMED');
    });

    it('on: orders above the limit are declined without asking the gateway; smaller ones pass', async () => {
      await setFlag(monolith, 'fraud-check', { enabled: true, maxOrderAmount: 2000 });
      const sku = await stockedProduct(admin, 10, 'FRAUD');
      const large = await placeOrder(customer, [{ sku, quantity: 3 }]);
      const small = await placeOrder(customer, [{ sku, quantity: 1 }]);
      expect(small.body.total.amount).toBeLessThanOrEqual(2000);

      expect(await ended(large.body.id)).toMatchObject({
        status: 'REJECTED',
        rejectReason: REJECT_REASON.declined,
      });
      expect((await ended(small.body.id)).status).toBe('CONFIRMED');
      const payment = await admin('GET', `/payments/${large.body.id}`);
      expect(payment.body).toMatchObject({ status: 'DECLINED', declineReason: 'FRAUD_SUSPECTED' });
      expect(gateway().calls.filter((key) => key.startsWith(large.body.id))).toEqual([]);
      expect(gateway().calls).toContain(`${small.body.id}:authorize`);
      const [audit] = await auditWhenSagasEnd(testDatabase().adminUrl.href, [large.body.id]);
      expect(audit).toMatchObject({ reservation: 'RELEASED', captured: 0 });
    });
  });
});
