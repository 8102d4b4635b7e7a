export {
  EndedOrderDto,
  EndedOrdersDto,
  ListEndedOrdersRequest,
  MAX_ENDED_ORDERS,
  MAX_QUANTITY_PER_SKU,
  OrderDetailsDto,
  OrderDto,
  OrderIdRequest,
  OrderLineDto,
  OrderLineRequest,
  PlaceOrderRequest,
  RejectOrderRequest,
  type OrderStatus,
} from './order.dto.js';
export { OrderCancelled, OrderConfirmed, OrderPlaced, OrderRejected } from './order.events.js';
export { Ordering } from './ordering.contract.js';
