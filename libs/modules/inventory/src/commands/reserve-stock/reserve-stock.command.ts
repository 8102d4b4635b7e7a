import { Command } from '@nestjs/cqrs';
import type { ReservationDto } from '../../contract/index.js';

export const DEFAULT_HOLD_SECONDS = 15 * 60;

export class ReserveStockCommand extends Command<ReservationDto> {
  constructor(
    readonly orderId: string,
    readonly lines: readonly { sku: string; quantity: number }[],
    readonly holdSeconds = DEFAULT_HOLD_SECONDS,
  ) {
    super();
  }
}
