import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { PaymentDto } from '../../contract/index.js';
import { PaymentStore } from '../../domain/payment-store.js';
import { toPaymentDto } from '../../payment-dto.mapper.js';
import { GetPaymentQuery } from './get-payment.query.js';

@QueryHandler(GetPaymentQuery)
export class GetPaymentHandler implements IQueryHandler<GetPaymentQuery> {
  constructor(private readonly payments: PaymentStore) {}

  async execute(query: GetPaymentQuery): Promise<PaymentDto> {
    return toPaymentDto(query.orderId, await this.payments.find(query.orderId));
  }
}
