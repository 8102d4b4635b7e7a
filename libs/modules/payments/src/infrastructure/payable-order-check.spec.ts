import { describe, expect, it } from '@jest/globals';
import type { MoneyDto } from '#contracts/shared';
import { Money } from '#platform/domain';
import type { ModuleBus } from '#platform/messaging';
import { Metrics } from '#platform/observability';
import {
  PayableOrderStore,
  type PayableOrder,
  type PayableOrderStatus,
} from '../domain/payable-order-store.js';
import { AmountNotOrderTotalError, OrderNotPayableError } from '../domain/payments.errors.js';
import { PayableOrderCheck } from './payable-order-check.js';

const ORDER = '0b9f6f43-7a43-4c39-9f0c-4f6a0c1d2e3f';
const EUR = (amount: number): MoneyDto => ({ amount, currency: 'EUR' });

/** Holds one copy as given; writes are not used by the check. */
class FixedCopies extends PayableOrderStore {
  constructor(private readonly copy?: PayableOrder) {
    super();
  }
  find(): Promise<PayableOrder | undefined> {
    return Promise.resolve(this.copy);
  }
  placed(): Promise<void> {
    throw new Error('not used');
  }
  settled(): Promise<void> {
    throw new Error('not used');
  }
}

/** A check over `copy`, with ordering answering `ordering` (and recording that it was asked). */
function checkWith(copy: PayableOrder | undefined, ordering: { status: string; total: MoneyDto }) {
  const asked: unknown[] = [];
  const bus = {
    to: () => ({
      send: (pattern: string, request: unknown) => {
        asked.push({ pattern, request });
        return Promise.resolve(ordering);
      },
    }),
  } as unknown as ModuleBus;
  const metrics = new Metrics();
  const check = new PayableOrderCheck(new FixedCopies(copy), bus, metrics);
  return { check, asked, metrics };
}

const copyOf = (status: PayableOrderStatus, total?: MoneyDto): PayableOrder => ({
  orderId: ORDER,
  status,
  ...(total ? { total } : {}),
});

describe('PayableOrderCheck', () => {
  it("passes a pending order's total from payments' copy without asking ordering", async () => {
    const { check, asked, metrics } = checkWith(copyOf('PENDING', EUR(5997)), {
      status: 'REJECTED',
      total: EUR(1),
    });
    await check.assertPayable(ORDER, Money.of(5997, 'EUR'));
    expect(asked).toEqual([]);
    expect(await metrics.render()).toContain('seam_payments_order_checks_total{source="copy"} 1');
  });

  it("refuses another amount than the copy's total, and a final status the copy holds", async () => {
    await expect(
      checkWith(copyOf('PENDING', EUR(5997)), {
        status: 'PENDING',
        total: EUR(1),
      }).check.assertPayable(ORDER, Money.of(1, 'EUR')),
    ).rejects.toThrow(AmountNotOrderTotalError);
    // A cancellation that arrived before its OrderPlaced (no total yet) is enough to refuse.
    const cancelled = checkWith(copyOf('CANCELLED'), { status: 'PENDING', total: EUR(5997) });
    await expect(cancelled.check.assertPayable(ORDER, Money.of(5997, 'EUR'))).rejects.toThrow(
      OrderNotPayableError,
    );
    expect(cancelled.asked).toEqual([]);
  });

  it('asks ordering when the copy has no total yet, and applies the same rules to its answer', async () => {
    const missing = checkWith(undefined, { status: 'PENDING', total: EUR(5997) });
    await missing.check.assertPayable(ORDER, Money.of(5997, 'EUR'));
    expect(missing.asked).toEqual([{ pattern: 'ordering.get-order', request: { orderId: ORDER } }]);
    expect(await missing.metrics.render()).toContain(
      'seam_payments_order_checks_total{source="ordering"} 1',
    );

    const rejected = checkWith(undefined, { status: 'REJECTED', total: EUR(5997) });
    await expect(rejected.check.assertPayable(ORDER, Money.of(5997, 'EUR'))).rejects.toThrow(
      OrderNotPayableError,
    );
    const otherAmount = checkWith(undefined, { status: 'PENDING', total: EUR(5997) });
    await expect(otherAmount.check.assertPayable(ORDER, Money.of(5998, 'EUR'))).rejects.toThrow(
      AmountNotOrderTotalError,
    );
  });
});
