import type { ShippingSpeed } from '#contracts/shipping';
import { Money } from '#platform/domain';
import { IllegalOrderTransitionError } from './ordering.errors.js';

export type OrderState = 'PENDING' | 'CONFIRMED' | 'REJECTED' | 'CANCELLED';

export interface Address {
  readonly name: string;
  readonly line1: string;
  readonly line2?: string;
  readonly city: string;
  readonly postalCode: string;
  readonly country: string;
}

export interface OrderLine {
  readonly sku: string;
  readonly name: string;
  readonly quantity: number;
  readonly unitPrice: Money;
  /** Of one unit. */
  readonly weightGrams: number;
}

export interface OrderProps {
  readonly id: string;
  readonly customerId: string;
  readonly status: OrderState;
  readonly rejectReason: string | null;
  readonly lines: readonly OrderLine[];
  readonly shippingTotal: Money;
  readonly shippingAddress: Address;
  readonly shippingSpeed: ShippingSpeed;
  readonly paymentToken: string;
  readonly placedAt: Date;
  readonly updatedAt: Date;
}

/** Legal moves: a pending order is confirmed, rejected or cancelled; every other state is final. */
const TRANSITIONS: Readonly<Record<OrderState, readonly OrderState[]>> = {
  PENDING: ['CONFIRMED', 'REJECTED', 'CANCELLED'],
  CONFIRMED: [],
  REJECTED: [],
  CANCELLED: [],
};

/** An order: priced lines in one currency, a shipping charge, and its state. */
export class Order {
  private constructor(readonly props: OrderProps) {}

  static place(
    props: Omit<OrderProps, 'status' | 'rejectReason' | 'placedAt' | 'updatedAt'>,
    now = new Date(),
  ): Order {
    return new Order({
      ...props,
      status: 'PENDING',
      rejectReason: null,
      placedAt: now,
      updatedAt: now,
    });
  }

  static restore(props: OrderProps): Order {
    return new Order(props);
  }

  get itemsTotal(): Money {
    return this.props.lines.reduce(
      (sum, line) => sum.plus(line.unitPrice.times(line.quantity)),
      Money.of(0, this.props.shippingTotal.currency),
    );
  }

  get total(): Money {
    return this.itemsTotal.plus(this.props.shippingTotal);
  }

  get totalWeightGrams(): number {
    return this.props.lines.reduce((sum, line) => sum + line.weightGrams * line.quantity, 0);
  }

  /**
   * The order after moving to `to` at `now` (this one is left as it was).
   * @throws IllegalOrderTransitionError unless `to` is a legal move from the current state.
   */
  changeTo(to: Exclude<OrderState, 'PENDING'>, reason?: string, now = new Date()): Order {
    Order.assertTransition(this.props.id, this.props.status, to);
    return new Order({
      ...this.props,
      status: to,
      rejectReason: to === 'REJECTED' ? (reason ?? null) : null,
      updatedAt: now,
    });
  }

  /** @throws IllegalOrderTransitionError unless `to` is a legal move from the current state. */
  static assertTransition(orderId: string, from: OrderState, to: OrderState): void {
    if (!TRANSITIONS[from].includes(to)) throw new IllegalOrderTransitionError(orderId, from, to);
  }
}
