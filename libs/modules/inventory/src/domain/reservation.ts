import type { Allocation } from './allocation.js';
import {
  ReservationCommittedError,
  ReservationNotFoundError,
  ReservationReleasedError,
} from './inventory.errors.js';

/** HELD until the order is paid (COMMITTED: the stock leaves) or not (RELEASED: it returns). */
export type HeldStatus = 'HELD' | 'RELEASED' | 'COMMITTED';

/** The stock held for one order, by warehouse. */
export interface Reservation {
  readonly orderId: string;
  readonly status: HeldStatus;
  readonly lines: readonly Allocation[];
  readonly expiresAt: Date;
}

/**
 * The answer to a reserve repeated for an order that reserved before: its reservation, unless
 * the hold is gone (a repeat must not pass for stock that is no longer held).
 * @throws ReservationReleasedError
 */
export function repeatedReservation(orderId: string, reservation: Reservation): Reservation {
  if (reservation.status === 'RELEASED') throw new ReservationReleasedError(orderId);
  return reservation;
}

/**
 * The answer to a release, given the reservation after it: released (now or before) or none
 * at all (the order reserved nothing, so there is nothing to give back).
 * @throws ReservationCommittedError when the stock was committed: it has left the warehouse.
 */
export function releasedReservation(
  orderId: string,
  reservation: Reservation | undefined,
): Reservation | undefined {
  if (reservation?.status === 'COMMITTED') throw new ReservationCommittedError(orderId);
  return reservation;
}

/**
 * The answer to a commit, given the reservation after it: committed (now or before).
 * @throws ReservationNotFoundError when the order reserved nothing, ReservationReleasedError
 *   when its hold was cancelled or expired first.
 */
export function committedReservation(
  orderId: string,
  reservation: Reservation | undefined,
): Reservation {
  if (!reservation) throw new ReservationNotFoundError(orderId);
  if (reservation.status === 'RELEASED') throw new ReservationReleasedError(orderId);
  return reservation;
}
