import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Handles } from '#platform/messaging';
import { type PaymentDto, PaymentOrderRequest, Payments } from '../../contract/index.js';
import { VoidPaymentHandler } from './void-payment.handler.js';

@Controller()
export class VoidPaymentMessageController {
  constructor(private readonly voidPayment: VoidPaymentHandler) {}

  @Handles(Payments, 'payments.void')
  void(@Payload() request: PaymentOrderRequest): Promise<PaymentDto> {
    return this.voidPayment.execute(request);
  }
}
