import type { Type } from '@nestjs/common';
import { PatternHandler } from '@nestjs/microservices/enums/pattern-handler.enum.js';
import type { ModuleContract } from './contract.js';

// Nest's metadata keys (from @nestjs/microservices/constants); read without instantiating modules.
const PATTERN_METADATA = 'microservices:pattern';
const PATTERN_HANDLER_METADATA = 'microservices:handler_type';

/** A controller method that answers a request/reply pattern (`@Handles`, or `@MessagePattern`). */
export interface RequestHandler {
  readonly pattern: string;
  /** `<Controller>.<method>`, to name it in an error. */
  readonly method: string;
}

/** The request/reply handlers among the controllers of a Nest module (its `@Module({ controllers })`). */
export function requestHandlersOf(module: Type): RequestHandler[] {
  const controllers = (Reflect.getMetadata('controllers', module) ?? []) as Type[];
  return controllers.flatMap((controller) =>
    Object.getOwnPropertyNames(controller.prototype).flatMap((key) => {
      const method = (controller.prototype as Record<string, unknown>)[key];
      if (typeof method !== 'function') return [];
      if (Reflect.getMetadata(PATTERN_HANDLER_METADATA, method) !== PatternHandler.MESSAGE)
        return [];
      const patterns = (Reflect.getMetadata(PATTERN_METADATA, method) ?? []) as unknown[];
      return patterns.map((pattern) => ({
        pattern: typeof pattern === 'string' ? pattern : JSON.stringify(pattern),
        method: `${controller.name}.${key}`,
      }));
    }),
  );
}

/**
 * How the module's controllers fail to answer its contract, one sentence per problem that tells
 * the author what to change: each pattern of the contract needs exactly one handler among them,
 * and none may handle a pattern the contract lacks (no caller could reach it through the bus).
 * Empty when they match.
 */
export function requestHandlerProblems(
  module: Type,
  contract: Pick<ModuleContract, 'module' | 'patterns'> | undefined,
): string[] {
  const declared = Object.keys(contract?.patterns ?? {});
  const handlers = requestHandlersOf(module);
  const problems: string[] = [];
  for (const pattern of declared) {
    const methods = handlers.filter((h) => h.pattern === pattern).map((h) => h.method);
    if (methods.length === 0)
      problems.push(
        `${pattern} has no handler: add its controller (a method with @Handles(<contract>, '${pattern}')) ` +
          `to ${module.name}'s controllers`,
      );
    else if (methods.length > 1)
      problems.push(`${pattern} has ${methods.length} handlers (${methods.join(', ')}): keep one`);
  }
  for (const { pattern, method } of handlers)
    if (!declared.includes(pattern))
      problems.push(
        `${method} handles ${pattern}, which ` +
          (contract ? `the ${contract.module} contract does not declare` : 'no contract declares') +
          `: declare it in the contract or remove the handler from ${module.name}'s controllers`,
      );
  return problems;
}
