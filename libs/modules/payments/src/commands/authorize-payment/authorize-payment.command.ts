import { Command } from '@nestjs/cqrs';
import type { PaymentDto } from '../../contract/index.js';

export class AuthorizePaymentCommand extends Command<PaymentDto> {
  constructor(
    readonly orderId: string,
    readonly amount: { amount: number; currency: string },
    readonly cardToken: string,
  ) {
    super();
  }
}
