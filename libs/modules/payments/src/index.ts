import { Payments } from './contract/index.js';
import { defineModule } from '#platform/runtime';
import { FraudCheck } from './payments.flags.js';
import { PaymentsSchema } from './payments.schema.js';

/** The payments module as the rest of the system knows it; its code loads only where it is hosted. */
export const PaymentsDeclaration = defineModule({
  name: 'payments',
  schema: PaymentsSchema,
  contract: Payments,
  subscribes: [],
  flags: [FraudCheck],
  load: async () => (await import('./payments.module.js')).PaymentsModule,
});

export { PaymentsSchema };
