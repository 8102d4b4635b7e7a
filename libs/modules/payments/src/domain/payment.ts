import type { Money } from '#platform/domain';
import type { DeclineReason } from './payments.errors.js';

export type PaymentState = 'AUTHORIZED' | 'DECLINED' | 'CAPTURED' | 'VOIDED' | 'REFUNDED';

export interface Payment {
  readonly orderId: string;
  readonly status: PaymentState;
  readonly authorized: Money;
  readonly capturedAmount: number;
  readonly refundedAmount: number;
  readonly authorizationId: string | null;
  readonly captureId: string | null;
  readonly declineReason: DeclineReason | null;
}
