import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { OrderDto } from '../../contract/index.js';
import { OrderCounts } from '../../order-counts.js';
import { changeOrderState } from '../../domain/order-state-change.js';
import { OrderStore } from '../../domain/order-store.js';
import { toOrderDto } from '../../order-dto.mapper.js';
import { ConfirmOrderCommand } from './confirm-order.command.js';

@CommandHandler(ConfirmOrderCommand)
export class ConfirmOrderHandler implements ICommandHandler<ConfirmOrderCommand> {
  constructor(
    private readonly orders: OrderStore,
    private readonly counts: OrderCounts,
  ) {}

  async execute(command: ConfirmOrderCommand): Promise<OrderDto> {
    return toOrderDto(
      await changeOrderState(this.orders, command.orderId, 'CONFIRMED', { counts: this.counts }),
    );
  }
}
