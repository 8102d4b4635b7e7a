import { CancelShipmentHandler } from './cancel-shipment/cancel-shipment.handler.js';
import { CancelShipmentMessageController } from './cancel-shipment/cancel-shipment.message.controller.js';
import { CreateShipmentHandler } from './create-shipment/create-shipment.handler.js';
import { CreateShipmentMessageController } from './create-shipment/create-shipment.message.controller.js';

export const CommandHandlers = [CreateShipmentHandler, CancelShipmentHandler];
export const CommandControllers = [
  CreateShipmentMessageController,
  CancelShipmentMessageController,
];
