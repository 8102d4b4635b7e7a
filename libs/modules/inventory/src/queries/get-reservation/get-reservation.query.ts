import { Query } from '@nestjs/cqrs';
import type { ReservationDto } from '../../contract/index.js';

export class GetReservationQuery extends Query<ReservationDto> {
  constructor(readonly orderId: string) {
    super();
  }
}
