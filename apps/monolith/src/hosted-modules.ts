import type { Type } from '@nestjs/common';
import { CatalogModule, CatalogSchema } from '#modules/catalog';
import { InventoryModule, InventorySchema } from '#modules/inventory';
import { NotificationsModule, NotificationsSchema } from '#modules/notifications';
import { OrderingModule, OrderingSchema } from '#modules/ordering';
import { PaymentsModule, PaymentsSchema } from '#modules/payments';
import { ShippingModule, ShippingSchema } from '#modules/shipping';
import type { ModuleSchema } from '#platform/persistence';

export interface HostedModule {
  readonly module: Type;
  readonly schema: ModuleSchema;
}

/** Every domain module this deployable hosts. Adding a module to the monolith is one line here. */
export const HOSTED_MODULES: readonly HostedModule[] = [
  { module: CatalogModule, schema: CatalogSchema },
  { module: InventoryModule, schema: InventorySchema },
  { module: PaymentsModule, schema: PaymentsSchema },
  { module: ShippingModule, schema: ShippingSchema },
  { module: OrderingModule, schema: OrderingSchema },
  { module: NotificationsModule, schema: NotificationsSchema },
];
