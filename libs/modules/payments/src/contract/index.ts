export {
  AuthorizePaymentRequest,
  CapturePaymentRequest,
  PaymentDto,
  PaymentOrderRequest,
  type PaymentStatus,
} from './payment.dto.js';
export { Payments } from './payments.contract.js';
