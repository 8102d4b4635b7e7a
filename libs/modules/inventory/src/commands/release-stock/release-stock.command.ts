import { Command } from '@nestjs/cqrs';
import type { ReservationDto } from '../../contract/index.js';

/** Idempotent; a no-op for an order that reserved nothing. */
export class ReleaseStockCommand extends Command<ReservationDto> {
  constructor(readonly orderId: string) {
    super();
  }
}
