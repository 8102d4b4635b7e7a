import { defineFlag } from '#platform/flags';

/** Express delivery at checkout, priced at the standard rate plus `surchargePercent`. */
export const ExpressShipping = defineFlag('express-shipping', {
  title: 'Express shipping',
  description:
    'Offer express delivery at checkout; its price is the standard shipping rate plus surchargePercent.',
  attributes: {
    surchargePercent: {
      description: 'Surcharge on the standard rate, in percent (0-500)',
      constraints: { type: 'number', minimum: 0, maximum: 500 },
    },
  },
  initial: { enabled: false, surchargePercent: 100 },
});
