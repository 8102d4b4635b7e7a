import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Handles, type PatternHandlers } from '#platform/messaging';
import { AuthorizePaymentHandler } from './commands/authorize-payment/authorize-payment.handler.js';
import { CapturePaymentHandler } from './commands/capture-payment/capture-payment.handler.js';
import { RefundPaymentHandler } from './commands/refund-payment/refund-payment.handler.js';
import { VoidPaymentHandler } from './commands/void-payment/void-payment.handler.js';
import {
  AuthorizePaymentRequest,
  CapturePaymentRequest,
  type PaymentDto,
  PaymentOrderRequest,
  Payments,
} from './contract/index.js';

/** The payments contract's request/reply patterns, each answered by its use case. */
@Controller()
export class PaymentsMessages implements PatternHandlers<typeof Payments> {
  constructor(
    private readonly authorizePayment: AuthorizePaymentHandler,
    private readonly capturePayment: CapturePaymentHandler,
    private readonly voidPayment: VoidPaymentHandler,
    private readonly refundPayment: RefundPaymentHandler,
  ) {}

  @Handles(Payments, 'payments.authorize')
  authorize(@Payload() request: AuthorizePaymentRequest): Promise<PaymentDto> {
    return this.authorizePayment.execute(request);
  }

  @Handles(Payments, 'payments.capture')
  capture(@Payload() request: CapturePaymentRequest): Promise<PaymentDto> {
    return this.capturePayment.execute(request);
  }

  @Handles(Payments, 'payments.void')
  void(@Payload() request: PaymentOrderRequest): Promise<PaymentDto> {
    return this.voidPayment.execute(request);
  }

  @Handles(Payments, 'payments.refund')
  refund(@Payload() request: PaymentOrderRequest): Promise<PaymentDto> {
    return this.refundPayment.execute(request);
  }
}
