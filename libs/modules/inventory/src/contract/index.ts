export { Inventory } from './inventory.contract.js';
export {
  OrderReservationRequest,
  ReservationDto,
  ReservedLineDto,
  ReserveStockRequest,
  StockLineDto,
  type ReservationStatus,
} from './reservation.dto.js';
