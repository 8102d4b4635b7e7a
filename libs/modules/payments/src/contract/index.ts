export {
  AuthorizePaymentRequest,
  CapturePaymentRequest,
  PaymentDto,
  PaymentOrderRequest,
} from './payment.dto.js';
export { Payments } from './payments.contract.js';
