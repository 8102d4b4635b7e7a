import { Injectable } from '@nestjs/common';
import { Ordering } from '#contracts/ordering';
import type { MoneyDto } from '#contracts/shared';
import { Money } from '#platform/domain';
import { ModuleBus } from '#platform/messaging';
import { Metrics } from '#platform/observability';
import { PayableOrderStore } from '../domain/payable-order-store.js';
import { AmountNotOrderTotalError, OrderNotPayableError } from '../domain/payments.errors.js';

/**
 * What an authorisation checks first: the order is PENDING and the amount is its total. Asks
 * payments' copy of the order (kept from ordering's events); an order whose OrderPlaced has not
 * arrived yet is asked of ordering (`ordering.get-order`), so the answer never depends on when
 * events arrive. A final status in the copy is final in ordering too.
 */
@Injectable()
export class PayableOrderCheck {
  private readonly lookups: ReturnType<Metrics['counter']>;

  constructor(
    private readonly copies: PayableOrderStore,
    private readonly bus: ModuleBus,
    metrics: Metrics,
  ) {
    this.lookups = metrics.counter(
      'seam_payments_order_checks_total',
      "Orders checked before an authorisation: 'copy' from payments' copy, 'ordering' asked of ordering.",
      ['source'],
    );
  }

  /**
   * @throws OrderNotPayableError unless the order is PENDING
   * @throws AmountNotOrderTotalError unless `amount` is the order's total
   */
  async assertPayable(orderId: string, amount: Money): Promise<void> {
    const { status, total } = await this.orderAsKnown(orderId);
    if (status !== 'PENDING' || !total) throw new OrderNotPayableError(orderId, status);
    if (!amount.equals(Money.of(total.amount, total.currency)))
      throw new AmountNotOrderTotalError(orderId, total, amount.toJSON());
  }

  /** The copy, when it knows enough to decide (a final status, or PENDING with the total). */
  private async orderAsKnown(orderId: string): Promise<{ status: string; total?: MoneyDto }> {
    const copy = await this.copies.find(orderId);
    if (copy && (copy.status !== 'PENDING' || copy.total)) {
      this.lookups.inc({ source: 'copy' });
      return copy;
    }
    this.lookups.inc({ source: 'ordering' });
    return this.bus.to(Ordering).send('ordering.get-order', { orderId });
  }
}
