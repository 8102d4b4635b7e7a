import { Injectable } from '@nestjs/common';
import type { OrderReservationRequest, ReservationDto } from '../../contract/index.js';
import { StockStore } from '../../domain/stock-store.js';
import { toReservationDto } from '../../reservation-dto.mapper.js';

@Injectable()
export class GetReservationHandler {
  constructor(private readonly stock: StockStore) {}

  async execute(request: OrderReservationRequest): Promise<ReservationDto> {
    return toReservationDto(request.orderId, await this.stock.find(request.orderId));
  }
}
