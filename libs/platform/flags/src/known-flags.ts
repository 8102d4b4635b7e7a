/**
 * The flags the code reads, with their attribute types. They mirror
 * `terraform/appconfig/feature-flags.json`; start-up fails when the document does not define a
 * flag or attribute listed here with the same type (see `KNOWN_FLAG_SHAPES`), so these types
 * never lie about what `FeatureFlags.get` returns.
 *
 * Adding a flag: define it in the document (`npm run flags -- list` shows it), then add it here
 * and to `KNOWN_FLAG_SHAPES`.
 */
export interface KnownFlags {
  'route-catalog': RouteAttributes;
  'route-inventory': RouteAttributes;
  'route-ordering': RouteAttributes;
  'route-payments': RouteAttributes;
  'route-shipping': RouteAttributes;
  'route-notifications': RouteAttributes;
  /** Express delivery at checkout, priced at the standard rate plus `surchargePercent`. */
  'express-shipping': { readonly surchargePercent: number };
  /** Fraud check on order placement; `maxOrderAmount` in minor units of the order currency. */
  'fraud-check': { readonly maxOrderAmount: number };
}

export type FlagName = keyof KnownFlags;

/** What `FeatureFlags.get(name)` returns: whether the flag is on, and its attributes. */
export type FlagValue<N extends FlagName> = { readonly enabled: boolean } & Readonly<KnownFlags[N]>;

/** Where calls to a module go (docs/runbooks/manage-feature-flags.md). */
export const ROUTE_MODES = ['local', 'shadow', 'canary', 'remote'] as const;
export type RouteMode = (typeof ROUTE_MODES)[number];

export interface RouteAttributes {
  readonly mode: RouteMode;
  /** Share of calls (0–100) sent remote in `canary` mode. */
  readonly percent: number;
}

/** Every module under `libs/modules`; each has a `route-<module>` flag. */
export const ROUTED_MODULES = [
  'catalog',
  'inventory',
  'ordering',
  'payments',
  'shipping',
  'notifications',
] as const;
export type RoutedModule = (typeof ROUTED_MODULES)[number];

/**
 * The type a known flag's attribute must have in the document; a list of strings means a
 * string attribute whose `enum` allows only (some of) those values.
 */
export type AttributeShape =
  'string' | 'number' | 'boolean' | 'string[]' | 'number[]' | readonly string[];

const ROUTE_SHAPE = { mode: ROUTE_MODES, percent: 'number' } as const;

/**
 * The runtime twin of `KnownFlags`: every known flag's attributes and their types. Checked
 * against the document's definitions at start-up; the mapped type keeps it in step with
 * `KnownFlags` at compile time.
 */
export const KNOWN_FLAG_SHAPES: {
  readonly [N in FlagName]: { readonly [A in keyof KnownFlags[N]]-?: AttributeShape };
} = {
  'route-catalog': ROUTE_SHAPE,
  'route-inventory': ROUTE_SHAPE,
  'route-ordering': ROUTE_SHAPE,
  'route-payments': ROUTE_SHAPE,
  'route-shipping': ROUTE_SHAPE,
  'route-notifications': ROUTE_SHAPE,
  'express-shipping': { surchargePercent: 'number' },
  'fraud-check': { maxOrderAmount: 'number' },
};
