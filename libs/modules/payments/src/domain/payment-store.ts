import type { Money } from '#platform/domain';
import type { Payment } from './payment.js';
import type { DeclineReason } from './payments.errors.js';

/**
 * Port: stored payments. Writes are conditional on the current status, so concurrent or
 * repeated commands change a payment at most once; the stored row is the answer to repeats.
 */
export abstract class PaymentStore {
  /**
   * Runs `work` while holding this order's payment lease: commands for one order (authorize,
   * capture, void, refund) never overlap, in this process or any other, so two of them never
   * reach the gateway at once (e.g. a capture and a compensating void). An authorisation passes
   * the amount it `opens` with, so the lease is held before the payment exists. Inside `work`,
   * `find` answers from what taking the lease read.
   */
  abstract exclusive<T>(orderId: string, work: () => Promise<T>, opening?: Money): Promise<T>;
  abstract find(orderId: string): Promise<Payment | undefined>;
  /** Stores the first outcome of an authorisation; a later one for the same order is ignored. */
  abstract recordAuthorization(
    orderId: string,
    amount: Money,
    outcome: { authorizationId: string } | { declineReason: DeclineReason },
  ): Promise<Payment>;
  /** AUTHORIZED → CAPTURED; no-op otherwise. */
  abstract markCaptured(orderId: string, amount: number, captureId: string): Promise<Payment>;
  /** AUTHORIZED → VOIDED; no-op otherwise. */
  abstract markVoided(orderId: string): Promise<Payment>;
  /** CAPTURED → REFUNDED; no-op otherwise. */
  abstract markRefunded(orderId: string): Promise<Payment>;
}
