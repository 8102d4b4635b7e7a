import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { MessagingModule } from '#platform/messaging';
import { PersistenceModule } from '#platform/persistence';
import { AuthorizePaymentHandler } from './commands/authorize-payment/authorize-payment.handler.js';
import { AuthorizePaymentMessageController } from './commands/authorize-payment/authorize-payment.message.controller.js';
import { CapturePaymentHandler } from './commands/capture-payment/capture-payment.handler.js';
import { CapturePaymentMessageController } from './commands/capture-payment/capture-payment.message.controller.js';
import { RefundPaymentHandler } from './commands/refund-payment/refund-payment.handler.js';
import { RefundPaymentMessageController } from './commands/refund-payment/refund-payment.message.controller.js';
import { VoidPaymentHandler } from './commands/void-payment/void-payment.handler.js';
import { VoidPaymentMessageController } from './commands/void-payment/void-payment.message.controller.js';
import { PaymentStore } from './domain/payment-store.js';
import { PaymentGateway } from './domain/payment-gateway.js';
import { PaymentsOptions } from './gateway-call.js';
import { PostgresPaymentStore } from './infrastructure/postgres-payment-store.js';
import { SimulatedPaymentGateway } from './infrastructure/simulated-payment-gateway.js';
import { PaymentsSchema } from './payments.schema.js';
import { GetPaymentHandler } from './queries/get-payment/get-payment.handler.js';
import { GetPaymentHttpController } from './queries/get-payment/get-payment.http.controller.js';

/** Card payments per order through a PaymentGateway port. Public surface: `contract/`. */
@Module({
  imports: [
    CqrsModule,
    MessagingModule.forModule('payments'),
    PersistenceModule.forModule(PaymentsSchema),
  ],
  controllers: [
    AuthorizePaymentMessageController,
    CapturePaymentMessageController,
    VoidPaymentMessageController,
    RefundPaymentMessageController,
    GetPaymentHttpController,
  ],
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
