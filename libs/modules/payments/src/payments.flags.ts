import { defineFlag } from '#platform/flags';

/** While on, an authorization above `maxOrderAmount` is declined as FRAUD_SUSPECTED. */
export const FraudCheck = defineFlag('fraud-check', {
  title: 'Fraud check',
  description:
    'Fraud check when an order is placed; maxOrderAmount is the largest order total that passes.',
  attributes: {
    maxOrderAmount: {
      description:
        'Largest order total that passes, in minor units of the order currency (at least 1)',
      constraints: { type: 'number', minimum: 1 },
    },
  },
  initial: { enabled: false, maxOrderAmount: 100000 },
});
