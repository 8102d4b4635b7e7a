import { createAdminAuditMigration } from '#platform/persistence';
import { createOutboxNotifyMigration, createOutboxTablesMigration } from '#platform/messaging';
import { CreateMessages1763712500000 } from './1763712500000-create-messages.js';
import { OneMessagePerOrderAndKind1763712500003 } from './1763712500003-one-message-per-order-and-kind.js';

/** The notifications schema's migrations, oldest first (the inbox table comes with the outbox migration). */
export const NotificationsMigrations = [
  CreateMessages1763712500000,
  createOutboxTablesMigration('notifications', 1763712500001),
  createOutboxNotifyMigration('notifications', 1763712500002),
  OneMessagePerOrderAndKind1763712500003,
  createAdminAuditMigration('notifications', 1764892800000),
];
