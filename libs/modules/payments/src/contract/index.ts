export {
  AuthorizePaymentRequest,
  CapturePaymentRequest,
  PaymentDto,
  PaymentOrderRequest,
  TEST_CARD_TOKENS,
  type PaymentStatus,
} from './payment.dto.js';
export { Payments } from './payments.contract.js';
