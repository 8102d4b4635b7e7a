import { Ordering } from './contract/index.js';
import { ProductChanged } from '#contracts/catalog';
import { defineModule } from '#platform/runtime';
import { ORDER_FULFILMENT } from './order-fulfilment.js';
import { OrderingSchema } from './ordering.schema.js';
import { PAYMENTS_RECONCILIATION } from './payments-reconciliation.js';

/** The ordering module as the rest of the system knows it; its code loads only where it is hosted. */
export const OrderingDeclaration = defineModule({
  name: 'ordering',
  schema: OrderingSchema,
  contract: Ordering,
  subscribes: [ProductChanged],
  workflows: [ORDER_FULFILMENT, PAYMENTS_RECONCILIATION],
  load: async () => (await import('./ordering.module.js')).OrderingModule,
});

export { OrderingSchema };
