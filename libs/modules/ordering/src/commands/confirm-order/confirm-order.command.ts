import { Command } from '@nestjs/cqrs';
import type { OrderDto } from '../../contract/index.js';

export class ConfirmOrderCommand extends Command<OrderDto> {
  constructor(readonly orderId: string) {
    super();
  }
}
