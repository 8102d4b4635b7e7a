import { Module } from '@nestjs/common';
import { MessagingModule } from '#platform/messaging';
import { PersistenceModule } from '#platform/persistence';
import { AuthorizePaymentHandler } from './commands/authorize-payment/authorize-payment.handler.js';
import { CapturePaymentHandler } from './commands/capture-payment/capture-payment.handler.js';
import { RefundPaymentHandler } from './commands/refund-payment/refund-payment.handler.js';
import { VoidPaymentHandler } from './commands/void-payment/void-payment.handler.js';
import { PaymentStore } from './domain/payment-store.js';
import { PaymentGateway } from './domain/payment-gateway.js';
import { PaymentsOptions } from './gateway-call.js';
import { PostgresPaymentStore } from './infrastructure/postgres-payment-store.js';
import { SimulatedPaymentGateway } from './infrastructure/simulated-payment-gateway.js';
import { PaymentsMessages } from './payments.messages.js';
import { PaymentsSchema } from './payments.schema.js';
import { GetPaymentHandler } from './queries/get-payment/get-payment.handler.js';
import { GetPaymentHttpController } from './queries/get-payment/get-payment.http.controller.js';

/** Card payments per order through a PaymentGateway port. Public surface: `contract/`. */
@Module({
  imports: [MessagingModule.forModule('payments'), PersistenceModule.forModule(PaymentsSchema)],
  controllers: [PaymentsMessages, GetPaymentHttpController],
  providers: [
    { provide: PaymentStore, useClass: PostgresPaymentStore },
    { provide: PaymentGateway, useClass: SimulatedPaymentGateway },
    { provide: PaymentsOptions, useFactory: () => PaymentsOptions.fromEnv(process.env) },
    AuthorizePaymentHandler,
    CapturePaymentHandler,
    VoidPaymentHandler,
    RefundPaymentHandler,
    GetPaymentHandler,
  ],
})
export class PaymentsModule {}
