import { type ModuleBus } from '#platform/messaging';
import { CorrelationContext } from '#platform/observability';
import type { TaskDispatch } from './task-message.js';

/** Runs workflow tasks through a module bus, under the correlation id of the execution. */
export function busTaskDispatch(bus: ModuleBus): TaskDispatch {
  return (task) =>
    CorrelationContext.run(
      { correlationId: task.correlationId ?? CorrelationContext.idOrNew(), module: bus.module },
      () => bus.sendPattern(task.pattern, task.input),
    );
}
