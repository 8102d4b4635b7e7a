import { GetReservationHandler } from './get-reservation/get-reservation.handler.js';
import { GetReservationHttpController } from './get-reservation/get-reservation.http.controller.js';
import { GetStockHandler } from './get-stock/get-stock.handler.js';
import { GetStockHttpController } from './get-stock/get-stock.http.controller.js';

export const QueryHandlers = [GetStockHandler, GetReservationHandler];
export const QueryControllers = [GetStockHttpController, GetReservationHttpController];
