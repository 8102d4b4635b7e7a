import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { OrderDto } from '../../contract/index.js';
import { mayAccess } from '../../domain/order-access.js';
import { OrderCounts } from '../../order-counts.js';
import { changeOrderState } from '../../domain/order-state-change.js';
import { OrderStore } from '../../domain/order-store.js';
import { OrderNotFoundError } from '../../domain/ordering.errors.js';
import { toOrderDto } from '../../order-dto.mapper.js';
import { CancelOrderCommand } from './cancel-order.command.js';

@CommandHandler(CancelOrderCommand)
export class CancelOrderHandler implements ICommandHandler<CancelOrderCommand> {
  constructor(
    private readonly orders: OrderStore,
    private readonly counts: OrderCounts,
  ) {}

  async execute(command: CancelOrderCommand): Promise<OrderDto> {
    const order = await this.orders.find(command.orderId);
    // Another customer's order is as absent as one that does not exist: ids reveal nothing.
    if (!order || !mayAccess(command.requester, order.props.customerId))
      throw new OrderNotFoundError(command.orderId);
    return toOrderDto(
      await changeOrderState(this.orders, command.orderId, 'CANCELLED', { counts: this.counts }),
    );
  }
}
