import type { EntityManager } from 'typeorm';
import { CorrelationContext } from '#platform/observability';
import type { ExecutionStore } from './execution-store.js';
import type { WorkflowOptions } from './workflow-options.js';

/**
 * Starts a module's workflows. Starting is part of the caller's transaction: the execution
 * exists exactly when the state change that asked for it commits, and the runner picks it up
 * right after. One execution per (workflow, business key); starting it again is a no-op.
 *
 * @example
 * await starter.start(tx, 'order-fulfilment', order.id, { orderId: order.id, ... });
 */
export class WorkflowStarter {
  constructor(
    private readonly store: ExecutionStore,
    private readonly options: WorkflowOptions,
    private readonly workflows: ReadonlySet<string>,
  ) {}

  async start(
    manager: EntityManager,
    workflow: string,
    name: string,
    input: Record<string, unknown>,
  ): Promise<void> {
    if (!this.workflows.has(workflow)) {
      throw new Error(
        `Module "${this.store.module}" has no workflow "${workflow}"; declare it in WorkflowsModule.forModule`,
      );
    }
    await this.store.enqueue(manager, {
      workflow,
      name,
      engine: this.options.engine,
      input: { ...input, correlationId: CorrelationContext.idOrNew() },
    });
  }
}
