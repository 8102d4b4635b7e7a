import { GetPaymentHandler } from './get-payment/get-payment.handler.js';
import { GetPaymentHttpController } from './get-payment/get-payment.http.controller.js';

export const QueryHandlers = [GetPaymentHandler];
export const QueryControllers = [GetPaymentHttpController];
