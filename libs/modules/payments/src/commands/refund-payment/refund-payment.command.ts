import { Command } from '@nestjs/cqrs';
import type { PaymentDto } from '../../contract/index.js';

/** Returns a captured payment in full. Idempotent. */
export class RefundPaymentCommand extends Command<PaymentDto> {
  constructor(readonly orderId: string) {
    super();
  }
}
