import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { OrderDto } from '../../contract/index.js';
import { OrderCounts } from '../../order-counts.js';
import { changeOrderState } from '../../domain/order-state-change.js';
import { OrderStore } from '../../domain/order-store.js';
import {
  IllegalOrderTransitionError,
  OrderAlreadyConfirmedError,
} from '../../domain/ordering.errors.js';
import { toOrderDto } from '../../order-dto.mapper.js';
import { RejectOrderCommand } from './reject-order.command.js';

@CommandHandler(RejectOrderCommand)
export class RejectOrderHandler implements ICommandHandler<RejectOrderCommand> {
  constructor(
    private readonly orders: OrderStore,
    private readonly counts: OrderCounts,
  ) {}

  async execute(command: RejectOrderCommand): Promise<OrderDto> {
    try {
      return toOrderDto(
        await changeOrderState(this.orders, command.orderId, 'REJECTED', {
          reason: command.reason,
          counts: this.counts,
        }),
      );
    } catch (error) {
      // A confirmed order goes forward (the workflow completes it); a cancelled one is undone.
      if (error instanceof IllegalOrderTransitionError && error.details.from === 'CONFIRMED')
        throw new OrderAlreadyConfirmedError(command.orderId);
      throw error;
    }
  }
}
