import { CatalogDeclaration } from '#modules/catalog';
import { InventoryDeclaration } from '#modules/inventory';
import { NotificationsDeclaration } from '#modules/notifications';
import { OrderingDeclaration } from '#modules/ordering';
import { PaymentsDeclaration } from '#modules/payments';
import { ShippingDeclaration } from '#modules/shipping';
import { ConfigError } from '#platform/config';
import { subscriptionsOf, type ModuleDeclaration } from '#platform/runtime';

/**
 * Every domain module of this build. Each process hosts all of them (the monolith) or the
 * ones named in SEAM_MODULES (a module service), and loads only the code of those it hosts.
 * Adding a module is one line here.
 */
export const MODULES: readonly ModuleDeclaration[] = [
  CatalogDeclaration,
  InventoryDeclaration,
  PaymentsDeclaration,
  ShippingDeclaration,
  OrderingDeclaration,
  NotificationsDeclaration,
];

/** Who subscribes to which event, across every module of the build. */
export const SUBSCRIPTIONS = subscriptionsOf(MODULES);

/** The declarations of the named modules, in build order; unknown names fail start-up. */
export function selectModules(names: readonly string[] | undefined): ModuleDeclaration[] {
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
