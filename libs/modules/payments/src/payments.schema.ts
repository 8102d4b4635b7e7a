import { PaymentsMigrations } from '#migrations/payments';
import { defineModuleSchema } from '#platform/persistence';

export const PaymentsSchema = defineModuleSchema({
  module: 'payments',
  migrations: PaymentsMigrations,
});
