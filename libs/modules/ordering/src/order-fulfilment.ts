import type { WorkflowStart } from '#platform/workflows';
import type { Order } from './domain/order.js';

/**
 * The saga that takes a placed order to CONFIRMED or REJECTED: workflows/order-fulfilment.asl.json,
 * declared in the module's `index.ts`.
 */
export const ORDER_FULFILMENT = 'order-fulfilment';

/** The order-fulfilment execution of a placed order: one per order, from what its ASL reads. */
export function orderFulfilmentOf(order: Order): WorkflowStart {
  const { id, customerId, lines, paymentToken, shippingAddress, shippingSpeed, shippingTotal } =
    order.props;
  return {
    workflow: ORDER_FULFILMENT,
    name: id,
    input: {
      orderId: id,
      customerId,
      lines: lines.map((line) => ({ sku: line.sku, quantity: line.quantity })),
      total: order.total.toJSON(),
      cardToken: paymentToken,
      shippingAddress: { ...shippingAddress },
      shippingSpeed,
      shippingTotal: shippingTotal.toJSON(),
      weightGrams: order.totalWeightGrams,
    },
  };
}
