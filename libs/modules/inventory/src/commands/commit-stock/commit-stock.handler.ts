import { Injectable } from '@nestjs/common';
import type { OrderReservationRequest, ReservationDto } from '../../contract/index.js';
import { StockStore } from '../../domain/stock-store.js';
import { toReservationDto } from '../../reservation-dto.mapper.js';

/** Held stock leaves the warehouse: on hand and reserved both drop. Idempotent. */
@Injectable()
export class CommitStockHandler {
  constructor(private readonly stock: StockStore) {}

  async execute(request: OrderReservationRequest): Promise<ReservationDto> {
    return toReservationDto(request.orderId, await this.stock.commit(request.orderId));
  }
}
