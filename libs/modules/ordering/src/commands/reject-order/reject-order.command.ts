import { Command } from '@nestjs/cqrs';
import type { OrderDto } from '../../contract/index.js';

export class RejectOrderCommand extends Command<OrderDto> {
  constructor(
    readonly orderId: string,
    /** Shown to the customer. */
    readonly reason: string,
  ) {
    super();
  }
}
