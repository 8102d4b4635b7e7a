import { Injectable } from '@nestjs/common';
import type { CapturePaymentRequest, PaymentDto } from '../../contract/index.js';
import { captureOf } from '../../domain/payment.js';
import { PaymentGateway } from '../../domain/payment-gateway.js';
import { PaymentStore } from '../../domain/payment-store.js';
import { PaymentStateError } from '../../domain/payments.errors.js';
import { callGateway, PaymentsOptions } from '../../gateway-call.js';
import { toPaymentDto } from '../../payment-dto.mapper.js';

@Injectable()
export class CapturePaymentHandler {
  constructor(
    private readonly payments: PaymentStore,
    private readonly gateway: PaymentGateway,
    private readonly options: PaymentsOptions,
  ) {}

  execute(request: CapturePaymentRequest): Promise<PaymentDto> {
    return this.payments.exclusive(request.orderId, async () => {
      const payment = await this.payments.find(request.orderId);
      const amount = captureOf(request.orderId, payment, request.amount);
      if (!amount) return toPaymentDto(request.orderId, payment);

      const { captureId } = await callGateway('capture', this.options.gatewayTimeoutMs, () =>
        this.gateway.capture(`${request.orderId}:capture`, payment!.authorizationId!, amount),
      );
      const captured = await this.payments.markCaptured(request.orderId, amount.amount, captureId);
      if (captured.status !== 'CAPTURED')
        throw new PaymentStateError(request.orderId, 'capture', captured.status);
      return toPaymentDto(request.orderId, captured);
    });
  }
}
