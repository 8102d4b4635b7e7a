import { Query } from '@nestjs/cqrs';
import type { PaymentDto } from '../../contract/index.js';

export class GetPaymentQuery extends Query<PaymentDto> {
  constructor(readonly orderId: string) {
    super();
  }
}
