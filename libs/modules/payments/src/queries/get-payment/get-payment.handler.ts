import { Injectable } from '@nestjs/common';
import type { PaymentDto, PaymentOrderRequest } from '../../contract/index.js';
import { PaymentStore } from '../../domain/payment-store.js';
import { toPaymentDto } from '../../payment-dto.mapper.js';

@Injectable()
export class GetPaymentHandler {
  constructor(private readonly payments: PaymentStore) {}

  async execute(request: PaymentOrderRequest): Promise<PaymentDto> {
    return toPaymentDto(request.orderId, await this.payments.find(request.orderId));
  }
}
