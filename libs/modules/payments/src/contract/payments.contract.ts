import { command, defineContract } from '#platform/messaging';
import {
  AuthorizePaymentRequest,
  CapturePaymentRequest,
  PaymentDto,
  PaymentOrderRequest,
} from './payment.dto.js';

/**
 * The payments module's public surface. Every pattern is idempotent per orderId.
 *
 * - `payments.authorize`: holds the order's total on the card. The amount must equal the total
 *   that ordering has for the order (`AmountNotOrderTotalError` otherwise). Fails with `PaymentDeclinedError`
 *   (details.reason: DECLINED, INSUFFICIENT_FUNDS, or FRAUD_SUSPECTED when the `fraud-check`
 *   flag is on and the amount is above its limit; not worth retrying) or with a transient
 *   `PaymentGatewayTimeoutError` / `PaymentGatewayUnavailableError` (retry). Repeating it returns the
 *   first outcome; a different amount for the same order fails with `PaymentAmountMismatchError`.
 * - `payments.capture`: takes the authorised amount (or less, never more).
 * - `payments.void`: cancels an authorisation; a no-op when there is none (nothing authorised,
 *   declined, voided or refunded). Fails with `PaymentAlreadyCapturedError` once captured
 *   (refund instead).
 * - `payments.refund`: returns a captured payment in full.
 */
export const Payments = defineContract({
  module: 'payments',
  patterns: {
    'payments.authorize': command(AuthorizePaymentRequest, PaymentDto),
    'payments.capture': command(CapturePaymentRequest, PaymentDto),
    'payments.void': command(PaymentOrderRequest, PaymentDto),
    'payments.refund': command(PaymentOrderRequest, PaymentDto),
  },
});
