import { Injectable } from '@nestjs/common';
import type { PaymentDto, PaymentOrderRequest } from '../../contract/index.js';
import { mustVoid } from '../../domain/payment.js';
import { PaymentGateway } from '../../domain/payment-gateway.js';
import { PaymentStore } from '../../domain/payment-store.js';
import { PaymentStateError } from '../../domain/payments.errors.js';
import { callGateway, PaymentsOptions } from '../../gateway-call.js';
import { toPaymentDto } from '../../payment-dto.mapper.js';

/** Cancels an authorisation. A compensation: a no-op when nothing (or a decline) was recorded. */
@Injectable()
export class VoidPaymentHandler {
  constructor(
    private readonly payments: PaymentStore,
    private readonly gateway: PaymentGateway,
    private readonly options: PaymentsOptions,
  ) {}

  execute(request: PaymentOrderRequest): Promise<PaymentDto> {
    return this.payments.exclusive(request.orderId, async () => {
      const payment = await this.payments.find(request.orderId);
      if (!mustVoid(request.orderId, payment)) return toPaymentDto(request.orderId, payment);

      await callGateway('void', this.options.gatewayTimeoutMs, () =>
        this.gateway.void(`${request.orderId}:void`, payment.authorizationId!),
      );
      const voided = await this.payments.markVoided(request.orderId);
      if (voided.status !== 'VOIDED')
        throw new PaymentStateError(request.orderId, 'void', voided.status);
      return toPaymentDto(request.orderId, voided);
    });
  }
}
