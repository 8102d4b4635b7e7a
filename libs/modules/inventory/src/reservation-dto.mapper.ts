import type { ReservationDto } from './contract/index.js';
import type { Reservation } from './domain/reservation.js';

export function toReservationDto(
  orderId: string,
  reservation: Reservation | undefined,
): ReservationDto {
  if (!reservation) return { orderId, status: 'NONE', lines: [], expiresAt: null };
  return {
    orderId,
    status: reservation.status,
    lines: reservation.lines.map(({ sku, warehouse, quantity }) => ({ sku, warehouse, quantity })),
    expiresAt: reservation.status === 'HELD' ? reservation.expiresAt.toISOString() : null,
  };
}
