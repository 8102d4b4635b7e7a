import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Handles } from '#platform/messaging';
import { AuthorizePaymentRequest, type PaymentDto, Payments } from '../../contract/index.js';
import { AuthorizePaymentHandler } from './authorize-payment.handler.js';

@Controller()
export class AuthorizePaymentMessageController {
  constructor(private readonly authorizePayment: AuthorizePaymentHandler) {}

  @Handles(Payments, 'payments.authorize')
  authorize(@Payload() request: AuthorizePaymentRequest): Promise<PaymentDto> {
    return this.authorizePayment.execute(request);
  }
}
