import { Injectable } from '@nestjs/common';
import type { ReservationDto, ReserveStockRequest } from '../../contract/index.js';
import { StockStore } from '../../domain/stock-store.js';
import { toReservationDto } from '../../reservation-dto.mapper.js';

/** How long stock is held when the request does not say. */
export const DEFAULT_HOLD_SECONDS = 15 * 60;

@Injectable()
export class ReserveStockHandler {
  constructor(private readonly stock: StockStore) {}

  async execute(request: ReserveStockRequest): Promise<ReservationDto> {
    const { orderId, lines, holdSeconds = DEFAULT_HOLD_SECONDS } = request;
    const reservation = await this.stock.reserve(orderId, lines, holdSeconds);
    return toReservationDto(orderId, reservation);
  }
}
