import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { ReservationDto } from '../../contract/index.js';
import { StockStore } from '../../domain/stock-store.js';
import { toReservationDto } from '../../reservation-dto.mapper.js';
import { GetReservationQuery } from './get-reservation.query.js';

@QueryHandler(GetReservationQuery)
export class GetReservationHandler implements IQueryHandler<GetReservationQuery> {
  constructor(private readonly stock: StockStore) {}

  async execute(query: GetReservationQuery): Promise<ReservationDto> {
    return toReservationDto(query.orderId, await this.stock.find(query.orderId));
  }
}
