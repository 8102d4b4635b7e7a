import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Money } from '#platform/domain';
import { empty, raw, rowsOf, sql, type Sql } from '#platform/persistence';
import type { Payment, PaymentState } from '../domain/payment.js';
import { PaymentStore } from '../domain/payment-store.js';
import type { DeclineReason } from '../domain/payments.errors.js';

const COLUMNS =
  raw(`order_id, status, currency, authorized_amount, captured_amount, refunded_amount,
  authorization_id, capture_id, decline_reason`);

/** How long a payment command may hold an order's lease; longer than any gateway call. */
const LEASE_MS = 15_000;
/** Wait between attempts at a lease another command holds. */
const LEASE_POLL_MS = 20;

/** The lease an exclusive() call holds, and the payment as it read it. */
interface Held {
  readonly orderId: string;
  readonly token: string;
  /** The stored row (AUTHORIZING while an authorisation holds a placeholder). */
  row: PaymentRow | undefined;
  /** Whether a write already gave the lease back. */
  released: boolean;
}

/**
 * Payments in `payments.payments`. Commands for one order are kept apart by a lease on its row
 * (`busy_by`/`busy_until`, taken in the statement that reads the payment and given back in the
 * one that writes it), so they cost no round trip of their own; a lease whose holder died runs
 * out after LEASE_MS.
 */
@Injectable()
export class PostgresPaymentStore extends PaymentStore {
  private readonly held = new AsyncLocalStorage<Held>();

  constructor(@InjectDataSource('payments') private readonly db: DataSource) {
    super();
  }

  async exclusive<T>(orderId: string, work: () => Promise<T>, opening?: Money): Promise<T> {
    const held: Held = { orderId, token: randomUUID(), row: undefined, released: false };
    for (;;) {
      const taken = await this.take(held, opening);
      if (taken !== 'busy') break;
      await new Promise((resolve) => setTimeout(resolve, LEASE_POLL_MS));
    }
    try {
      return await this.held.run(held, work);
    } finally {
      if (held.row && !held.released) await this.giveBack(held);
    }
  }

  /** @returns 'busy' while another command holds the lease. */
  private async take(held: Held, opening: Money | undefined): Promise<'taken' | 'busy'> {
    const until = sql`now() + make_interval(secs => ${LEASE_MS / 1000})`;
    const lease = sql`busy_by = ${held.token}, busy_until = ${until}`;
    const free = sql`(p.busy_until IS NULL OR p.busy_until < now())`;
    const [row] = opening
      ? await rowsOf<PaymentRow>(
          this.db,
          sql`WITH taken AS (
                INSERT INTO payments.payments AS p (order_id, status, currency, authorized_amount, busy_by, busy_until)
                VALUES (${held.orderId}, 'AUTHORIZING', ${opening.currency}, ${opening.amount}, ${held.token}, ${until})
                ON CONFLICT (order_id) DO UPDATE SET ${lease} WHERE ${free}
                RETURNING ${COLUMNS})
              SELECT * FROM taken`,
        )
      : await rowsOf<PaymentRow>(
          this.db,
          sql`WITH taken AS (
                UPDATE payments.payments p SET ${lease} WHERE order_id = ${held.orderId} AND ${free}
                RETURNING ${COLUMNS})
              SELECT * FROM taken`,
        );
    if (row) {
      held.row = row;
      return 'taken';
    }
    if (opening) return 'busy';
    // No row taken: either there is no payment (nothing to keep apart) or it is busy.
    const [exists] = await rowsOf(
      this.db,
      sql`SELECT 1 FROM payments.payments WHERE order_id = ${held.orderId}`,
    );
    return exists ? 'busy' : 'taken';
  }

  /** Gives the lease back unused: an authorisation that stored nothing leaves no row. */
  private async giveBack(held: Held): Promise<void> {
    await rowsOf(
      this.db,
      sql`WITH dropped AS (
            DELETE FROM payments.payments
             WHERE order_id = ${held.orderId} AND busy_by = ${held.token} AND status = 'AUTHORIZING'),
          freed AS (
            UPDATE payments.payments SET busy_by = NULL, busy_until = NULL
             WHERE order_id = ${held.orderId} AND busy_by = ${held.token} AND status <> 'AUTHORIZING')
          SELECT 1`,
    );
  }

  async find(orderId: string): Promise<Payment | undefined> {
    const held = this.held.getStore();
    if (held?.orderId === orderId) return held.row && toPayment(held.row);
    return this.stored(orderId);
  }

  private async stored(orderId: string): Promise<Payment | undefined> {
    const [row] = await rowsOf<PaymentRow>(
      this.db,
      sql`SELECT ${COLUMNS} FROM payments.payments WHERE order_id = ${orderId} AND status <> 'AUTHORIZING'`,
    );
    return row && toPayment(row);
  }

  recordAuthorization(
    orderId: string,
    amount: Money,
    outcome: { authorizationId: string } | { declineReason: DeclineReason },
  ): Promise<Payment> {
    const declined = 'declineReason' in outcome;
    return this.write(
      orderId,
      'AUTHORIZING',
      sql`status = ${declined ? 'DECLINED' : 'AUTHORIZED'}, currency = ${amount.currency},
          authorized_amount = ${amount.amount},
          authorization_id = ${declined ? null : outcome.authorizationId},
          decline_reason = ${declined ? outcome.declineReason : null}`,
    );
  }

  markCaptured(orderId: string, amount: number, captureId: string): Promise<Payment> {
    return this.write(
      orderId,
      'AUTHORIZED',
      sql`status = 'CAPTURED', captured_amount = ${amount}, capture_id = ${captureId}`,
    );
  }

  markVoided(orderId: string): Promise<Payment> {
    return this.write(orderId, 'AUTHORIZED', sql`status = 'VOIDED'`);
  }

  markRefunded(orderId: string): Promise<Payment> {
    return this.write(
      orderId,
      'CAPTURED',
      sql`status = 'REFUNDED', refunded_amount = captured_amount`,
    );
  }

  /**
   * `from` → the assignments, giving the lease back in the same statement. @returns the payment
   * as stored after the call, whether or not this call changed it.
   */
  private async write(
    orderId: string,
    from: PaymentState | 'AUTHORIZING',
    assignments: Sql,
  ): Promise<Payment> {
    const held = this.held.getStore();
    const mine = held?.orderId === orderId ? sql`AND busy_by = ${held.token}` : empty;
    const [row] = await rowsOf<PaymentRow>(
      this.db,
      sql`WITH written AS (
            UPDATE payments.payments SET ${assignments}, busy_by = NULL, busy_until = NULL, updated_at = now()
             WHERE order_id = ${orderId} AND status = ${from} ${mine}
            RETURNING ${COLUMNS})
          SELECT * FROM written`,
    );
    if (row && held?.orderId === orderId) {
      held.row = row;
      held.released = true;
    }
    if (row) return toPayment(row)!;
    // Not changed here (already moved on, or the lease was lost): what is stored now.
    const payment = await this.stored(orderId);
    if (!payment) throw new Error(`Payment of order ${orderId} changed hands while being written`);
    return payment;
  }
}

interface PaymentRow {
  order_id: string;
  status: PaymentState | 'AUTHORIZING';
  currency: string;
  authorized_amount: string;
  captured_amount: string;
  refunded_amount: string;
  authorization_id: string | null;
  capture_id: string | null;
  decline_reason: DeclineReason | null;
}

/** An AUTHORIZING row is a lease on a payment that does not exist yet. */
function toPayment(row: PaymentRow): Payment | undefined {
  if (row.status === 'AUTHORIZING') return undefined;
  return {
    orderId: row.order_id,
    status: row.status,
    authorized: Money.of(Number(row.authorized_amount), row.currency),
    capturedAmount: Number(row.captured_amount),
    refundedAmount: Number(row.refunded_amount),
    authorizationId: row.authorization_id,
    captureId: row.capture_id,
    declineReason: row.decline_reason,
  };
}
