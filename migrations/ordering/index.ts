import { createAdminAuditMigration } from '#platform/persistence';
import { createOutboxNotifyMigration, createOutboxTablesMigration } from '#platform/messaging';
import {
  createWorkflowNotifyMigration,
  createWorkflowStepDataMigration,
  createWorkflowTablesMigration,
} from '#platform/workflows';
import { CreateOrders1763712400000 } from './1763712400000-create-orders.js';
import { AddShippingSpeed1763712400003 } from './1763712400003-add-shipping-speed.js';
import { CreateCatalogProducts1763712400006 } from './1763712400006-create-catalog-products.js';
import { InlineOrderViews1763712400007 } from './1763712400007-inline-order-views.js';
import { IndexEndedOrders1764892800002 } from './1764892800002-index-ended-orders.js';

/** The ordering schema's migrations, oldest first. */
export const OrderingMigrations = [
  CreateOrders1763712400000,
  createOutboxTablesMigration('ordering', 1763712400001),
  createWorkflowTablesMigration('ordering', 1763712400002),
  AddShippingSpeed1763712400003,
  createOutboxNotifyMigration('ordering', 1763712400004),
  createWorkflowNotifyMigration('ordering', 1763712400005),
  CreateCatalogProducts1763712400006,
  InlineOrderViews1763712400007,
  createAdminAuditMigration('ordering', 1764892800000),
  createWorkflowStepDataMigration('ordering', 1764892800001),
  IndexEndedOrders1764892800002,
];
