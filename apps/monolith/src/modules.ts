import type { Type } from '@nestjs/common';
import { Catalog } from '#contracts/catalog';
import { Inventory } from '#contracts/inventory';
import { Ordering } from '#contracts/ordering';
import { Payments } from '#contracts/payments';
import { Shipping } from '#contracts/shipping';
import { CatalogModule, CatalogSchema } from '#modules/catalog';
import { InventoryModule, InventorySchema } from '#modules/inventory';
import { NotificationsModule, NotificationsSchema } from '#modules/notifications';
import { OrderingModule, OrderingSchema } from '#modules/ordering';
import { PaymentsModule, PaymentsSchema } from '#modules/payments';
import { ShippingModule, ShippingSchema } from '#modules/shipping';
import { ConfigError } from '#platform/config';
import { EventSubscriptions, type ModuleContract } from '#platform/messaging';
import type { ModuleSchema } from '#platform/persistence';

export interface ModuleRegistration {
  readonly name: string;
  readonly module: Type;
  readonly schema: ModuleSchema;
  /** What other modules may call; a module that only subscribes to events has none. */
  readonly contract?: ModuleContract;
}

/**
 * Every domain module of this build. Each process hosts all of them (the monolith) or the
 * ones named in SEAM_MODULES (a module service). Adding a module is one line here.
 */
export const MODULES: readonly ModuleRegistration[] = [
  { name: 'catalog', module: CatalogModule, schema: CatalogSchema, contract: Catalog },
  { name: 'inventory', module: InventoryModule, schema: InventorySchema, contract: Inventory },
  { name: 'payments', module: PaymentsModule, schema: PaymentsSchema, contract: Payments },
  { name: 'shipping', module: ShippingModule, schema: ShippingSchema, contract: Shipping },
  { name: 'ordering', module: OrderingModule, schema: OrderingSchema, contract: Ordering },
  { name: 'notifications', module: NotificationsModule, schema: NotificationsSchema },
];

/** Who subscribes to which event, across every module of the build. */
export const SUBSCRIPTIONS = EventSubscriptions.of(MODULES);

/** The registrations of the named modules, in build order; unknown names fail start-up. */
export function selectModules(names: readonly string[] | undefined): ModuleRegistration[] {
  if (!names) return [...MODULES];
  const unknown = names.filter((name) => !MODULES.some((entry) => entry.name === name));
  if (unknown.length > 0 || names.length === 0)
    throw new ConfigError(
      'SEAM_MODULES',
      `a comma-separated list of modules from ${MODULES.map((entry) => entry.name).join(', ')}`,
      names.join(','),
    );
  return MODULES.filter((entry) => names.includes(entry.name));
}
