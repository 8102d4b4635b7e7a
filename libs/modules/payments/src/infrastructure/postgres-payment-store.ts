import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Money } from '#platform/domain';
import { PaymentStore, type Payment, type PaymentState } from '../domain/payment.js';
import type { DeclineReason } from '../domain/payments.errors.js';

const COLUMNS = `order_id, status, currency, authorized_amount, captured_amount, refunded_amount,
  authorization_id, capture_id, decline_reason`;

@Injectable()
export class PostgresPaymentStore extends PaymentStore {
  constructor(@InjectDataSource('payments') private readonly db: DataSource) {
    super();
  }

  /** A session-level advisory lock per order on a dedicated connection, held for the gateway call. */
  /** Inside exclusive(): the connection that holds the lock. */
  private readonly lockedSession = new AsyncLocalStorage<EntityManager>();

  private connection(): EntityManager {
    return this.lockedSession.getStore() ?? this.db.manager;
  }

  async exclusive<T>(orderId: string, work: () => Promise<T>): Promise<T> {
    const session = this.db.createQueryRunner();
    await session.connect();
    try {
      await session.query(`SELECT pg_advisory_lock(hashtext('payments:' || $1))`, [orderId]);
      try {
        // The work's queries use the lock's own connection: taking a second one from the pool
        // while holding the first would deadlock once every pooled connection holds a lock.
        return await this.lockedSession.run(session.manager, work);
      } finally {
        await session.query(`SELECT pg_advisory_unlock(hashtext('payments:' || $1))`, [orderId]);
      }
    } finally {
      await session.release();
    }
  }

  async find(orderId: string): Promise<Payment | undefined> {
    const [row] = (await this.connection().query(
      `SELECT ${COLUMNS} FROM payments.payments WHERE order_id = $1`,
      [orderId],
    )) as PaymentRow[];
    return row ? toPayment(row) : undefined;
  }

  async recordAuthorization(
    orderId: string,
    amount: Money,
    outcome: { authorizationId: string } | { declineReason: DeclineReason },
  ): Promise<Payment> {
    const declined = 'declineReason' in outcome;
    await this.connection().query(
      `INSERT INTO payments.payments (order_id, status, currency, authorized_amount, authorization_id, decline_reason)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (order_id) DO NOTHING`,
      [
        orderId,
        declined ? 'DECLINED' : 'AUTHORIZED',
        amount.currency,
        amount.amount,
        declined ? null : outcome.authorizationId,
        declined ? outcome.declineReason : null,
      ],
    );
    return (await this.find(orderId))!;
  }

  markCaptured(orderId: string, amount: number, captureId: string): Promise<Payment> {
    return this.transition(
      orderId,
      'AUTHORIZED',
      `status = 'CAPTURED', captured_amount = $2, capture_id = $3`,
      [amount, captureId],
    );
  }

  markVoided(orderId: string): Promise<Payment> {
    return this.transition(orderId, 'AUTHORIZED', `status = 'VOIDED'`, []);
  }

  markRefunded(orderId: string): Promise<Payment> {
    return this.transition(
      orderId,
      'CAPTURED',
      `status = 'REFUNDED', refunded_amount = captured_amount`,
      [],
    );
  }

  private async transition(
    orderId: string,
    from: PaymentState,
    assignments: string,
    params: unknown[],
  ): Promise<Payment> {
    await this.connection().query(
      `UPDATE payments.payments SET ${assignments}, updated_at = now() WHERE order_id = $1 AND status = '${from}'`,
      [orderId, ...params],
    );
    return (await this.find(orderId))!;
  }
}

interface PaymentRow {
  order_id: string;
  status: PaymentState;
  currency: string;
  authorized_amount: string;
  captured_amount: string;
  refunded_amount: string;
  authorization_id: string | null;
  capture_id: string | null;
  decline_reason: DeclineReason | null;
}

function toPayment(row: PaymentRow): Payment {
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
