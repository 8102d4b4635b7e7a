export { Inventory } from './inventory.contract.js';
export {
  ORDER_ID_PATTERN,
  OrderReservationRequest,
  ReservationDto,
  ReservedLineDto,
  ReserveStockRequest,
  StockLineDto,
  type ReservationStatus,
} from './reservation.dto.js';
