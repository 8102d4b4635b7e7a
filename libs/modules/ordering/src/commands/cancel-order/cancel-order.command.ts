import { Command } from '@nestjs/cqrs';
import type { OrderDto } from '../../contract/index.js';
import type { Requester } from '../../domain/order-access.js';

/** The customer (or staff) cancels a PENDING order. */
export class CancelOrderCommand extends Command<OrderDto> {
  constructor(
    readonly orderId: string,
    readonly requester: Requester,
  ) {
    super();
  }
}
