import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Handles } from '#platform/messaging';
import { type PaymentDto, PaymentOrderRequest, Payments } from '../../contract/index.js';
import { RefundPaymentHandler } from './refund-payment.handler.js';

@Controller()
export class RefundPaymentMessageController {
  constructor(private readonly refundPayment: RefundPaymentHandler) {}

  @Handles(Payments, 'payments.refund')
  refund(@Payload() request: PaymentOrderRequest): Promise<PaymentDto> {
    return this.refundPayment.execute(request);
  }
}
