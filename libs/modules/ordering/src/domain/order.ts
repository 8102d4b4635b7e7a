import type { AddressDto, ShippingSpeed } from '#contracts/shipping';
import { Money } from '#platform/domain';
import {
  OrderCancelled,
  OrderConfirmed,
  OrderPlaced,
  OrderRejected,
  type OrderLineDto,
  type OrderStatus,
} from '../contract/index.js';
import { IllegalOrderTransitionError } from './ordering.errors.js';

export type OrderState = OrderStatus;

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
  readonly shippingAddress: AddressDto;
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

/** What an order announces when it is placed or leaves PENDING. */
export type OrderEvent = OrderPlaced | OrderConfirmed | OrderRejected | OrderCancelled;

/**
 * An order: priced lines in one currency, a shipping charge, and its state. Placing it or
 * changing its state records the event to publish (`events`), which the store writes with it.
 */
export class Order {
  private constructor(
    readonly props: OrderProps,
    /** Recorded by the change that made this order, for the store to publish with it. */
    readonly events: readonly OrderEvent[] = [],
  ) {}

  static place(
    props: Omit<OrderProps, 'status' | 'rejectReason' | 'placedAt' | 'updatedAt'>,
    now = new Date(),
  ): Order {
    const order = new Order({
      ...props,
      status: 'PENDING',
      rejectReason: null,
      placedAt: now,
      updatedAt: now,
    });
    return new Order(order.props, [
      OrderPlaced.of({
        orderId: props.id,
        customerId: props.customerId,
        lines: props.lines.map(toOrderLineDto),
        itemsTotal: order.itemsTotal.toJSON(),
        shippingTotal: props.shippingTotal.toJSON(),
        total: order.total.toJSON(),
        totalWeightGrams: order.totalWeightGrams,
        shippingAddress: { ...props.shippingAddress },
        shippingSpeed: props.shippingSpeed,
        placedAt: now.toISOString(),
      }),
    ]);
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
    const changed = new Order({
      ...this.props,
      status: to,
      rejectReason: to === 'REJECTED' ? (reason ?? null) : null,
      updatedAt: now,
    });
    return new Order(changed.props, [changed.transitionEvent()]);
  }

  private transitionEvent(): OrderConfirmed | OrderRejected | OrderCancelled {
    const { id: orderId, customerId, status, rejectReason, updatedAt } = this.props;
    const at = updatedAt.toISOString();
    switch (status) {
      case 'CONFIRMED':
        return OrderConfirmed.of({
          orderId,
          customerId,
          total: this.total.toJSON(),
          confirmedAt: at,
        });
      case 'REJECTED':
        return OrderRejected.of({ orderId, customerId, reason: rejectReason!, rejectedAt: at });
      case 'CANCELLED':
        return OrderCancelled.of({ orderId, customerId, cancelledAt: at });
      default:
        throw new Error(`No event for an order becoming ${status}`);
    }
  }

  /** @throws IllegalOrderTransitionError unless `to` is a legal move from the current state. */
  static assertTransition(orderId: string, from: OrderState, to: OrderState): void {
    if (!TRANSITIONS[from].includes(to)) throw new IllegalOrderTransitionError(orderId, from, to);
  }
}

/** A line as the API and the events show it. */
export function toOrderLineDto(line: OrderLine): OrderLineDto {
  return {
    sku: line.sku,
    name: line.name,
    quantity: line.quantity,
    unitPrice: line.unitPrice.toJSON(),
    lineTotal: line.unitPrice.times(line.quantity).toJSON(),
    weightGrams: line.weightGrams,
  };
}
