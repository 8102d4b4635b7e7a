export { Inventory } from './inventory.contract.js';
export { OrderReservationRequest, ReservationDto, ReserveStockRequest } from './reservation.dto.js';
