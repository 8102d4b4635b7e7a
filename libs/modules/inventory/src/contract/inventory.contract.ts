import { command, defineContract } from '#platform/messaging';
import { OrderReservationRequest, ReservationDto, ReserveStockRequest } from './reservation.dto.js';

/**
 * The inventory module's public surface. Every pattern is idempotent per orderId.
 *
 * - `inventory.reserve`: holds stock for an order (all lines or nothing). Fails with
 *   `OutOfStockError` (details: sku, requested, available). Repeating it returns the same reservation.
 * - `inventory.release`: gives held stock back. Releasing twice, or an order that reserved
 *   nothing, is a no-op; releasing committed stock fails with `ReservationCommittedError`.
 * - `inventory.commit`: turns held stock into shipped stock. Fails with `ReservationReleasedError`
 *   if the hold was released (e.g. expired), `ReservationNotFoundError` if there was none.
 */
export const Inventory = defineContract({
  module: 'inventory',
  patterns: {
    'inventory.reserve': command(ReserveStockRequest, ReservationDto),
    'inventory.release': command(OrderReservationRequest, ReservationDto),
    'inventory.commit': command(OrderReservationRequest, ReservationDto),
  },
});
