import { Injectable } from '@nestjs/common';
import type { OrderDto, OrderIdRequest } from '../../contract/index.js';
import { OrderCounts } from '../../order-counts.js';
import { changeOrderState } from '../../domain/order-state-change.js';
import { OrderStore } from '../../domain/order-store.js';
import { toOrderDto } from '../../order-dto.mapper.js';

@Injectable()
export class ConfirmOrderHandler {
  constructor(
    private readonly orders: OrderStore,
    private readonly counts: OrderCounts,
  ) {}

  async execute(request: OrderIdRequest): Promise<OrderDto> {
    return toOrderDto(
      await changeOrderState(this.orders, request.orderId, 'CONFIRMED', { counts: this.counts }),
    );
  }
}
