import { Injectable } from '@nestjs/common';
import type { OrderReservationRequest, ReservationDto } from '../../contract/index.js';
import { StockStore } from '../../domain/stock-store.js';
import { toReservationDto } from '../../reservation-dto.mapper.js';

/** Idempotent; a no-op for an order that reserved nothing. */
@Injectable()
export class ReleaseStockHandler {
  constructor(private readonly stock: StockStore) {}

  async execute(request: OrderReservationRequest): Promise<ReservationDto> {
    return toReservationDto(request.orderId, await this.stock.release(request.orderId));
  }
}
