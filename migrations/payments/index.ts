import { createAdminAuditMigration } from '#platform/persistence';
import { CreatePayments1763712200000 } from './1763712200000-create-payments.js';
import { AddAuthorizedBy1763712200001 } from './1763712200001-add-authorized-by.js';
import { AddPaymentLease1763712200002 } from './1763712200002-add-payment-lease.js';

/** The payments schema's migrations, oldest first. */
export const PaymentsMigrations = [
  CreatePayments1763712200000,
  AddAuthorizedBy1763712200001,
  AddPaymentLease1763712200002,
  createAdminAuditMigration('payments', 1764892800000),
];
