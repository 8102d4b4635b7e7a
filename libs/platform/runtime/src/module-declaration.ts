import type { Type } from '@nestjs/common';
import { routeFlag, type DeclaredFlag } from '#platform/flags';
import {
  EventSubscriptions,
  requestHandlerProblems,
  type EventClass,
  type ModuleContract,
} from '#platform/messaging';
import type { ModuleSchema } from '#platform/persistence';

/**
 * What the rest of the system knows about a domain module without loading its code: its name,
 * its schema, what others may call (its contract) and which events it handles. A process that
 * hosts the module calls `load()` for its Nest module; the others (a service hosting another
 * module, the infrastructure build) never import it.
 */
export interface ModuleDeclaration {
  readonly name: string;
  readonly schema: ModuleSchema;
  /** What other modules may call; a module that only subscribes to events has none. */
  readonly contract?: ModuleContract;
  /** The events its `@EventPattern` handlers handle; checked against them when it loads. */
  readonly subscribes: readonly EventClass[];
  /**
   * The business flags its code reads (`defineFlag`, in the module); they go into the flag
   * document (`npm run flags -- document`). Its `route-<name>` flag is implied: don't list it.
   */
  readonly flags?: readonly DeclaredFlag[];
  /**
   * The workflows it owns and starts: each is the file
   * `libs/modules/<name>/workflows/<workflow>.asl.json`, run by its `WorkflowsModule.forModule`
   * and deployed as the state machine `seam-<env>-<workflow>` (`workflowsOf`). None when absent.
   */
  readonly workflows?: readonly string[];
  /** Imports the module's code and returns its Nest module, checked against this declaration. */
  load(): Promise<Type>;
}

/**
 * Declares a domain module, in its `index.ts`. The module's code is imported only by `load`,
 * so keep every other import of it out of the index.
 *
 * @example
 * export const Payments = defineModule({
 *   name: 'payments',
 *   schema: PaymentsSchema,
 *   contract: PaymentsContract,
 *   subscribes: [],
 *   flags: [FraudCheck],
 *   load: async () => (await import('./payments.module.js')).PaymentsModule,
 * });
 */
export function defineModule(declaration: ModuleDeclaration): ModuleDeclaration {
  const { name, schema, contract } = declaration;
  if (schema.module !== name || (contract && contract.module !== name))
    throw new Error(
      `Module "${name}" must be declared with its own schema and contract ` +
        `(got schema "${schema.module}"${contract ? `, contract "${contract.module}"` : ''})`,
    );
  const routing = declaration.flags?.find((flag) => flag.name.startsWith('route-'));
  if (routing)
    throw new Error(
      `Module "${name}" declares flag "${routing.name}": route-* flags come from the module declarations`,
    );
  let loading: Promise<Type> | undefined;
  return {
    ...declaration,
    load: () => (loading ??= declaration.load().then((module) => checked(declaration, module))),
  };
}

/**
 * The module's controllers must answer exactly its contract (each request/reply pattern once,
 * nothing else) and its handlers subscribe to exactly what it declares (other processes rely on
 * both): a controller left out of `@Module({ controllers })` fails here, at start-up, rather than
 * on the first call.
 */
function checked(declaration: ModuleDeclaration, module: Type): Type {
  const unanswered = requestHandlerProblems(module, declaration.contract);
  if (unanswered.length > 0)
    throw new Error(
      `Module "${declaration.name}" does not answer its contract: ${unanswered.join('; ')}`,
    );
  const handled = EventSubscriptions.of([{ name: declaration.name, module }]).patternsOf(
    declaration.name,
  );
  const declared = declaration.subscribes.map((event) => event.pattern);
  const missing = handled.filter((pattern) => !declared.includes(pattern));
  const extra = declared.filter((pattern) => !handled.includes(pattern));
  if (missing.length > 0 || extra.length > 0)
    throw new Error(
      `Module "${declaration.name}" declares subscriptions that do not match its handlers: ` +
        [
          missing.length ? `handled but not declared: ${missing.join(', ')}` : '',
          extra.length ? `declared but not handled: ${extra.join(', ')}` : '',
        ]
          .filter(Boolean)
          .join('; '),
    );
  return module;
}

/** Who subscribes to which event, from the declarations (no module code is loaded). */
export function subscriptionsOf(modules: readonly ModuleDeclaration[]): EventSubscriptions {
  return EventSubscriptions.declared(
    modules.map((module) => ({
      name: module.name,
      patterns: module.subscribes.map((event) => event.pattern),
    })),
  );
}

/**
 * Every flag the code of these modules reads: each module's `route-<name>`, in module order,
 * then the business flags each declares. Two modules declaring one flag name fail.
 */
export function flagsOf(modules: readonly ModuleDeclaration[]): DeclaredFlag[] {
  const flags = [
    ...modules.map((module) => routeFlag(module.name)),
    ...modules.flatMap((module) => module.flags ?? []),
  ];
  const seen = new Set<string>();
  for (const flag of flags) {
    if (seen.has(flag.name)) throw new Error(`Flag "${flag.name}" is declared twice`);
    seen.add(flag.name);
  }
  return flags;
}
