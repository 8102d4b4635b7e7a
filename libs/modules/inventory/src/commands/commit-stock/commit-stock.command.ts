import { Command } from '@nestjs/cqrs';
import type { ReservationDto } from '../../contract/index.js';

/** Held stock leaves the warehouse: on hand and reserved both drop. Idempotent. */
export class CommitStockCommand extends Command<ReservationDto> {
  constructor(readonly orderId: string) {
    super();
  }
}
