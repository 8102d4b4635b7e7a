import { Command } from '@nestjs/cqrs';
import type { PaymentDto } from '../../contract/index.js';

export class CapturePaymentCommand extends Command<PaymentDto> {
  constructor(
    readonly orderId: string,
    /** Minor units; default: all that was authorised. */
    readonly amount?: number,
  ) {
    super();
  }
}
