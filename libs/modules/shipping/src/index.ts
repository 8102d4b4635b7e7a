import { Shipping } from './contract/index.js';
import { defineModule } from '#platform/runtime';
import { ExpressShipping } from './shipping.flags.js';
import { ShippingSchema } from './shipping.schema.js';

/** The shipping module as the rest of the system knows it; its code loads only where it is hosted. */
export const ShippingDeclaration = defineModule({
  name: 'shipping',
  schema: ShippingSchema,
  contract: Shipping,
  subscribes: [],
  flags: [ExpressShipping],
  load: async () => (await import('./shipping.module.js')).ShippingModule,
});

export { ShippingSchema };
