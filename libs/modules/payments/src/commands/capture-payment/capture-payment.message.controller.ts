import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Handles } from '#platform/messaging';
import { CapturePaymentRequest, type PaymentDto, Payments } from '../../contract/index.js';
import { CapturePaymentHandler } from './capture-payment.handler.js';

@Controller()
export class CapturePaymentMessageController {
  constructor(private readonly capturePayment: CapturePaymentHandler) {}

  @Handles(Payments, 'payments.capture')
  capture(@Payload() request: CapturePaymentRequest): Promise<PaymentDto> {
    return this.capturePayment.execute(request);
  }
}
