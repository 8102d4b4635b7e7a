import type { PaymentDto } from './contract/index.js';
import type { Payment } from './domain/payment.js';

export function toPaymentDto(orderId: string, payment: Payment | undefined): PaymentDto {
  if (!payment) {
    return {
      orderId,
      status: 'NONE',
      currency: null,
      authorizedAmount: 0,
      capturedAmount: 0,
      refundedAmount: 0,
      declineReason: null,
    };
  }
  return {
    orderId,
    status: payment.status,
    currency: payment.authorized.currency,
    authorizedAmount: payment.authorized.amount,
    capturedAmount: payment.capturedAmount,
    refundedAmount: payment.refundedAmount,
    declineReason: payment.declineReason,
  };
}
