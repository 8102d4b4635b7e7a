import { AuthorizePaymentHandler } from './authorize-payment/authorize-payment.handler.js';
import { AuthorizePaymentMessageController } from './authorize-payment/authorize-payment.message.controller.js';
import { CapturePaymentHandler } from './capture-payment/capture-payment.handler.js';
import { CapturePaymentMessageController } from './capture-payment/capture-payment.message.controller.js';
import { RefundPaymentHandler } from './refund-payment/refund-payment.handler.js';
import { RefundPaymentMessageController } from './refund-payment/refund-payment.message.controller.js';
import { VoidPaymentHandler } from './void-payment/void-payment.handler.js';
import { VoidPaymentMessageController } from './void-payment/void-payment.message.controller.js';

export const CommandHandlers = [
  AuthorizePaymentHandler,
  CapturePaymentHandler,
  VoidPaymentHandler,
  RefundPaymentHandler,
];
export const CommandControllers = [
  AuthorizePaymentMessageController,
  CapturePaymentMessageController,
  VoidPaymentMessageController,
  RefundPaymentMessageController,
];
