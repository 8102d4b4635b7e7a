import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { MessagingModule } from '#platform/messaging';
import { PersistenceModule } from '#platform/persistence';
import { CommandControllers, CommandHandlers } from './commands/index.js';
import { PaymentStore } from './domain/payment-store.js';
import { PaymentGateway } from './domain/payment-gateway.js';
import { PaymentsOptions } from './gateway-call.js';
import { PostgresPaymentStore } from './infrastructure/postgres-payment-store.js';
import { SimulatedPaymentGateway } from './infrastructure/simulated-payment-gateway.js';
import { PaymentsSchema } from './payments.schema.js';
import { QueryControllers, QueryHandlers } from './queries/index.js';

/** Card payments per order through a PaymentGateway port. Public surface: `contract/`. */
@Module({
  imports: [
    CqrsModule,
    MessagingModule.forModule('payments'),
    PersistenceModule.forModule(PaymentsSchema),
  ],
  controllers: [...CommandControllers, ...QueryControllers],
  providers: [
    { provide: PaymentStore, useClass: PostgresPaymentStore },
    { provide: PaymentGateway, useClass: SimulatedPaymentGateway },
    { provide: PaymentsOptions, useFactory: () => PaymentsOptions.fromEnv(process.env) },
    ...CommandHandlers,
    ...QueryHandlers,
  ],
})
export class PaymentsModule {}
