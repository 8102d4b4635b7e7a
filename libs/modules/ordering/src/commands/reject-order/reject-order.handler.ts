import { Injectable } from '@nestjs/common';
import type { OrderDto, RejectOrderRequest } from '../../contract/index.js';
import { OrderCounts } from '../../order-counts.js';
import { changeOrderState } from '../../domain/order-state-change.js';
import { OrderStore } from '../../domain/order-store.js';
import {
  IllegalOrderTransitionError,
  OrderAlreadyConfirmedError,
} from '../../domain/ordering.errors.js';
import { toOrderDto } from '../../order-dto.mapper.js';

@Injectable()
export class RejectOrderHandler {
  constructor(
    private readonly orders: OrderStore,
    private readonly counts: OrderCounts,
  ) {}

  async execute(request: RejectOrderRequest): Promise<OrderDto> {
    try {
      return toOrderDto(
        await changeOrderState(this.orders, request.orderId, 'REJECTED', {
          reason: request.reason,
          counts: this.counts,
        }),
      );
    } catch (error) {
      // A confirmed order goes forward (the workflow completes it); a cancelled one is undone.
      if (error instanceof IllegalOrderTransitionError && error.details.from === 'CONFIRMED')
        throw new OrderAlreadyConfirmedError(request.orderId);
      throw error;
    }
  }
}
