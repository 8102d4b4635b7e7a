import {
  GetOrderHttpController,
  GetOrderMessageController,
} from './get-order/get-order.controllers.js';
import { GetOrderDetailsHandler, GetOrderHandler } from './get-order/get-order.handler.js';
import { ListCustomerOrdersHandler } from './list-customer-orders/list-customer-orders.handler.js';
import { ListCustomerOrdersHttpController } from './list-customer-orders/list-customer-orders.http.controller.js';

export const QueryHandlers = [GetOrderHandler, GetOrderDetailsHandler, ListCustomerOrdersHandler];
export const QueryControllers = [
  GetOrderHttpController,
  GetOrderMessageController,
  ListCustomerOrdersHttpController,
];
