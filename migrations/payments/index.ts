import { CreatePayments1763712200000 } from './1763712200000-create-payments.js';

/** The payments schema's migrations, oldest first. */
export const PaymentsMigrations = [CreatePayments1763712200000];
