import { Query } from '@nestjs/cqrs';
import type { OrderDetailsDto, OrderDto } from '../../contract/index.js';
import type { Requester } from '../../domain/order-access.js';

/** The order as its customer sees it (the OrderView read model). */
export class GetOrderQuery extends Query<OrderDto> {
  constructor(
    readonly orderId: string,
    readonly requester: Requester,
  ) {
    super();
  }
}

/** The order from the write side, with its payment token: for other modules, not for HTTP. */
export class GetOrderDetailsQuery extends Query<OrderDetailsDto> {
  constructor(readonly orderId: string) {
    super();
  }
}
