import { Command } from '@nestjs/cqrs';
import type { PaymentDto } from '../../contract/index.js';

/** Cancels an authorisation. A compensation: a no-op when nothing (or a decline) was recorded. */
export class VoidPaymentCommand extends Command<PaymentDto> {
  constructor(readonly orderId: string) {
    super();
  }
}
