import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { ReservationDto } from '../../contract/index.js';
import { StockLedger } from '../../domain/stock-ledger.js';
import { toReservationDto } from '../../reservation-dto.mapper.js';
import { GetReservationQuery } from './get-reservation.query.js';

@QueryHandler(GetReservationQuery)
export class GetReservationHandler implements IQueryHandler<GetReservationQuery> {
  constructor(private readonly ledger: StockLedger) {}

  async execute(query: GetReservationQuery): Promise<ReservationDto> {
    return toReservationDto(query.orderId, await this.ledger.find(query.orderId));
  }
}
