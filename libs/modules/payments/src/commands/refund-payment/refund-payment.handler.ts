import { Injectable } from '@nestjs/common';
import type { PaymentDto, PaymentOrderRequest } from '../../contract/index.js';
import { refundOf } from '../../domain/payment.js';
import { PaymentGateway } from '../../domain/payment-gateway.js';
import { PaymentStore } from '../../domain/payment-store.js';
import { PaymentStateError } from '../../domain/payments.errors.js';
import { callGateway, PaymentsOptions } from '../../gateway-call.js';
import { toPaymentDto } from '../../payment-dto.mapper.js';

/** Returns a captured payment in full. Idempotent. */
@Injectable()
export class RefundPaymentHandler {
  constructor(
    private readonly payments: PaymentStore,
    private readonly gateway: PaymentGateway,
    private readonly options: PaymentsOptions,
  ) {}

  execute(request: PaymentOrderRequest): Promise<PaymentDto> {
    return this.payments.exclusive(request.orderId, async () => {
      const payment = await this.payments.find(request.orderId);
      const amount = refundOf(request.orderId, payment);
      if (!amount) return toPaymentDto(request.orderId, payment);

      await callGateway('refund', this.options.gatewayTimeoutMs, () =>
        this.gateway.refund(`${request.orderId}:refund`, payment!.captureId!, amount),
      );
      const refunded = await this.payments.markRefunded(request.orderId);
      if (refunded.status !== 'REFUNDED')
        throw new PaymentStateError(request.orderId, 'refund', refunded.status);
      return toPaymentDto(request.orderId, refunded);
    });
  }
}
