import type { OrderDetailsDto, OrderDto } from './contract/index.js';
import { toOrderLineDto, type Order } from './domain/order.js';

export function toOrderDto(order: Order): OrderDto {
  const {
    id,
    customerId,
    status,
    rejectReason,
    lines,
    shippingTotal,
    shippingAddress,
    shippingSpeed,
    placedAt,
    updatedAt,
  } = order.props;
  return {
    id,
    customerId,
    status,
    rejectReason,
    lines: lines.map(toOrderLineDto),
    itemsTotal: order.itemsTotal.toJSON(),
    shippingTotal: shippingTotal.toJSON(),
    total: order.total.toJSON(),
    totalWeightGrams: order.totalWeightGrams,
    shippingAddress: { ...shippingAddress },
    shippingSpeed,
    placedAt: placedAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
  };
}

export function toOrderDetailsDto(order: Order): OrderDetailsDto {
  return { ...toOrderDto(order), paymentToken: order.props.paymentToken };
}
