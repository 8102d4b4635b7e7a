import type { OrderDto } from './contract/index.js';
import { toOrderLineDto, type Order } from './domain/order.js';

export function toOrderDto(order: Order): OrderDto {
  const { props } = order;
  return {
    id: props.id,
    customerId: props.customerId,
    status: props.status,
    rejectReason: props.rejectReason,
    lines: props.lines.map(toOrderLineDto),
    itemsTotal: order.itemsTotal.toJSON(),
    shippingTotal: props.shippingTotal.toJSON(),
    total: order.total.toJSON(),
    totalWeightGrams: order.totalWeightGrams,
    shippingAddress: { ...props.shippingAddress },
    shippingSpeed: props.shippingSpeed,
    placedAt: props.placedAt.toISOString(),
    updatedAt: props.updatedAt.toISOString(),
  };
}
