import { CancelOrderHandler } from './cancel-order/cancel-order.handler.js';
import { CancelOrderHttpController } from './cancel-order/cancel-order.http.controller.js';
import { ConfirmOrderHandler } from './confirm-order/confirm-order.handler.js';
import { ConfirmOrderMessageController } from './confirm-order/confirm-order.message.controller.js';
import { PlaceOrderHandler } from './place-order/place-order.handler.js';
import { PlaceOrderHttpController } from './place-order/place-order.http.controller.js';
import { RejectOrderHandler } from './reject-order/reject-order.handler.js';
import { RejectOrderMessageController } from './reject-order/reject-order.message.controller.js';

export const CommandHandlers = [
  PlaceOrderHandler,
  ConfirmOrderHandler,
  RejectOrderHandler,
  CancelOrderHandler,
];
export const CommandControllers = [
  PlaceOrderHttpController,
  ConfirmOrderMessageController,
  RejectOrderMessageController,
  CancelOrderHttpController,
];
