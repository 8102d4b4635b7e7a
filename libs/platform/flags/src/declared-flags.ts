import {
  FlagDocument,
  type AttributeConstraints,
  type FlagDefinition,
  type FlagDocumentJson,
  type FlagState,
} from './flag-document.js';

/** Where calls to a module go (docs/runbooks/manage-feature-flags.md). */
export const ROUTE_MODES = ['local', 'shadow', 'canary', 'remote'] as const;
export type RouteMode = (typeof ROUTE_MODES)[number];

export interface RouteAttributes {
  readonly mode: RouteMode;
  /** Share of calls (0–100) sent remote in `canary` mode. */
  readonly percent: number;
}

/**
 * The type a declared flag's attribute must have in the document; a list of strings means a
 * string attribute whose `enum` allows only (some of) those values.
 */
export type AttributeShape =
  'string' | 'number' | 'boolean' | 'string[]' | 'number[]' | readonly string[];

/** One attribute of a declared flag, as the document defines it (always required: the code reads it). */
export interface DeclaredAttribute {
  readonly description: string;
  readonly constraints: AttributeConstraints;
}

/** The value an attribute with these constraints has. */
export type AttributeValueOf<C extends AttributeConstraints> = C extends { type: 'number' }
  ? number
  : C extends { type: 'boolean' }
    ? boolean
    : C extends { type: 'string'; enum: readonly (infer E)[] }
      ? Extract<E, string>
      : C extends { type: 'string' }
        ? string
        : C extends { type: 'array'; elements: { type: 'number' } }
          ? readonly number[]
          : readonly string[];

/** The attribute values of a flag whose attributes are declared as `A`. */
export type AttributesOf<A extends Readonly<Record<string, DeclaredAttribute>>> = {
  readonly [K in keyof A]: AttributeValueOf<A[K]['constraints']>;
};

/** What `FeatureFlags.get(flag)` returns: whether the flag is on, and its attributes. */
export type FlagValue<Attributes extends object> = {
  readonly enabled: boolean;
} & Readonly<Attributes>;

/**
 * A flag the code reads, declared by the module that reads it (`defineModule({ flags })`) or, for
 * the `route-<module>` flags, derived from the module declarations. Its definition and first
 * value make the flag document (`npm run flags -- document`); start-up checks the document in
 * force against `shapes`, so `FeatureFlags.get(flag)` returns what its type says.
 */
export interface DeclaredFlag<Attributes extends object = object> {
  readonly name: string;
  /** The flag's entry in the document's `flags`. */
  readonly definition: FlagDefinition;
  /** Its entry in `values` when the document does not have one yet. */
  readonly initial: FlagState;
  /** Each attribute's type, as start-up checks it against the document. */
  readonly shapes: Readonly<Record<string, AttributeShape>>;
  /** Type only: what `FeatureFlags.get` returns for it. Never set. */
  readonly attributesType?: Attributes;
}

/** What a module writes to declare a flag: see {@link defineFlag}. */
export interface FlagSpec<A extends Readonly<Record<string, DeclaredAttribute>>> {
  /** The flag's display name in AppConfig. */
  readonly title: string;
  readonly description: string;
  readonly attributes: A;
  /** The value a new document gives it; `npm run flags -- document` keeps the value in force after that. */
  readonly initial: NoInfer<FlagValue<AttributesOf<A>>>;
}

const FLAG_NAME = /^[a-z][a-z\d-]{0,63}$/;

/**
 * Declares a business flag, next to the code that reads it; list it in the module's
 * `defineModule({ flags: [...] })`. Read it with `flags.get(FraudCheck)`, typed by its attributes.
 *
 * @example
 * export const FraudCheck = defineFlag('fraud-check', {
 *   title: 'Fraud check',
 *   description: 'Fraud check when an order is placed',
 *   attributes: {
 *     maxOrderAmount: {
 *       description: 'Largest order total that passes, in minor units',
 *       constraints: { type: 'number', minimum: 1 },
 *     },
 *   },
 *   initial: { enabled: false, maxOrderAmount: 100000 },
 * });
 * flags.get(FraudCheck).maxOrderAmount; // number
 */
export function defineFlag<const A extends Readonly<Record<string, DeclaredAttribute>>>(
  name: string,
  spec: FlagSpec<A>,
): DeclaredFlag<AttributesOf<A>> {
  if (!FLAG_NAME.test(name))
    throw new Error(`Flag name "${name}" must be lowercase letters, digits and -, at most 64`);
  const attributes = Object.fromEntries(
    Object.entries(spec.attributes).map(([key, attribute]) => [
      key,
      {
        description: attribute.description,
        constraints: { ...attribute.constraints, required: true },
      },
    ]),
  );
  return {
    name,
    definition: { name: spec.title, description: spec.description, attributes },
    initial: spec.initial as FlagState,
    shapes: Object.fromEntries(
      Object.entries(spec.attributes).map(([key, { constraints }]) => [key, shapeOf(constraints)]),
    ),
  };
}

/** The `route-<module>` flag every declared module has: where calls to it go. */
export function routeFlag(module: string): DeclaredFlag<RouteAttributes> {
  return defineFlag(`route-${module}`, {
    title: `Route ${module}`,
    description: `Where calls to the ${module} module go: local (in process), shadow (local answers, side-effect-free calls mirrored remote), canary (percent of calls remote) or remote. Disabled means local.`,
    attributes: {
      mode: {
        description: 'local | shadow | canary | remote',
        constraints: { type: 'string', enum: ROUTE_MODES },
      },
      percent: {
        description:
          'Share of calls (0-100) sent remote in canary mode; ignored in the other modes',
        constraints: { type: 'number', minimum: 0, maximum: 100 },
      },
    },
    initial: { enabled: true, mode: 'local', percent: 0 },
  });
}

/** Each flag's attribute shapes, keyed by flag name, as `FlagDocument.problemsWith` takes them. */
export function shapesOf(
  flags: readonly DeclaredFlag[],
): Record<string, Readonly<Record<string, AttributeShape>>> {
  return Object.fromEntries(flags.map((flag) => [flag.name, flag.shapes]));
}

/**
 * The flag document of these flags: their definitions, in order, and for values the ones in
 * `current` (the document in force) where they still fit the definition, else each flag's
 * `initial`. Flags no longer declared are dropped.
 */
export function flagDocumentOf(
  flags: readonly DeclaredFlag[],
  current?: FlagDocumentJson,
): FlagDocumentJson {
  const names = new Set<string>();
  for (const flag of flags) {
    if (names.has(flag.name)) throw new Error(`Flag "${flag.name}" is declared twice`);
    names.add(flag.name);
  }
  return {
    version: '1',
    flags: Object.fromEntries(flags.map((flag) => [flag.name, flag.definition])),
    values: Object.fromEntries(
      flags.map((flag) => {
        const value = current?.values[flag.name];
        return [flag.name, value !== undefined && fits(flag, value) ? value : flag.initial];
      }),
    ),
  };
}

/** The value is one the flag's definition accepts. */
function fits(flag: DeclaredFlag, value: unknown): boolean {
  try {
    FlagDocument.from(
      { version: '1', flags: { [flag.name]: flag.definition }, values: { [flag.name]: value } },
      flag.name,
    );
    return true;
  } catch {
    return false;
  }
}

function shapeOf(constraints: AttributeConstraints): AttributeShape {
  if (constraints.type === 'string')
    return constraints.enum ? constraints.enum.map(String) : 'string';
  if (constraints.type === 'array')
    return constraints.elements?.type === 'number' ? 'number[]' : 'string[]';
  return constraints.type;
}
