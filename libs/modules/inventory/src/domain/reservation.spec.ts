import { describe, expect, it } from '@jest/globals';
import {
  ReservationCommittedError,
  ReservationNotFoundError,
  ReservationReleasedError,
} from './inventory.errors.js';
import {
  committedReservation,
  releasedReservation,
  repeatedReservation,
  type HeldStatus,
  type Reservation,
} from './reservation.js';

const ORDER = '0c5d2f8e-0000-4000-8000-000000000001';

function reservation(status: HeldStatus): Reservation {
  return {
    orderId: ORDER,
    status,
    lines: [{ sku: 'MUG', warehouse: 'BER', quantity: 2 }],
    expiresAt: new Date('2026-12-01T10:15:00.000Z'),
  };
}

describe('repeatedReservation', () => {
  it('answers a repeated reserve with the reservation while it holds or has committed', () => {
    expect(repeatedReservation(ORDER, reservation('HELD'))).toEqual(reservation('HELD'));
    expect(repeatedReservation(ORDER, reservation('COMMITTED')).status).toBe('COMMITTED');
  });

  it('refuses a repeated reserve once the hold was released: the stock is no longer held', () => {
    expect(() => repeatedReservation(ORDER, reservation('RELEASED'))).toThrow(
      ReservationReleasedError,
    );
  });
});

describe('releasedReservation', () => {
  it('answers a release with the released reservation, also when repeated', () => {
    expect(releasedReservation(ORDER, reservation('RELEASED'))?.status).toBe('RELEASED');
  });

  it('has nothing to release for an order that reserved nothing', () => {
    expect(releasedReservation(ORDER, undefined)).toBeUndefined();
  });

  it('refuses to release committed stock: it has left the warehouse', () => {
    expect(() => releasedReservation(ORDER, reservation('COMMITTED'))).toThrow(
      ReservationCommittedError,
    );
  });
});

describe('committedReservation', () => {
  it('answers a commit with the committed reservation, also when repeated', () => {
    expect(committedReservation(ORDER, reservation('COMMITTED')).status).toBe('COMMITTED');
  });

  it('refuses to commit a hold that was released (cancelled or expired) first', () => {
    expect(() => committedReservation(ORDER, reservation('RELEASED'))).toThrow(
      ReservationReleasedError,
    );
  });

  it('refuses to commit for an order that reserved nothing', () => {
    expect(() => committedReservation(ORDER, undefined)).toThrow(ReservationNotFoundError);
  });
});
