import { CorrelationContext } from '#platform/observability';
import { sql, type Sql } from '#platform/persistence';
import type { ExecutionStore } from './execution-store.js';
import type { WorkflowOptions } from './workflow-options.js';

/**
 * A workflow execution to start, decided by a use case: the workflow, the execution's name (one
 * execution per name) and its input. A store writes it with the change that calls for it
 * (`WorkflowStarter.start`), so both commit or neither does.
 */
export interface WorkflowStart {
  readonly workflow: string;
  readonly name: string;
  readonly input: Record<string, unknown>;
}

/**
 * Starts a module's workflows. Starting is part of the caller's state change: the execution
 * exists exactly when the statement that asked for it commits, and the runner picks it up
 * right after. One execution per (workflow, business key); starting it again is a no-op.
 *
 * @example
 * await rowsOf(db, sql`WITH placed AS (INSERT INTO ordering.orders … RETURNING id),
 *   saga AS (${starter.start('order-fulfilment', id, { orderId: id, … }, sql`EXISTS (SELECT 1 FROM placed)`)})
 *   SELECT id FROM placed`);
 */
export class WorkflowStarter {
  constructor(
    private readonly store: ExecutionStore,
    private readonly options: WorkflowOptions,
    private readonly workflows: ReadonlySet<string>,
  ) {}

  /** The part of a data-changing statement that makes `start` happen if `when` holds. */
  start({ workflow, name, input }: WorkflowStart, when: Sql = sql`true`): Sql {
    if (!this.workflows.has(workflow)) {
      throw new Error(
        `Module "${this.store.module}" has no workflow "${workflow}"; name it in the module's defineModule({ workflows })`,
      );
    }
    return this.store.enqueue(
      {
        workflow,
        name,
        engine: this.options.engine,
        // The starter's trace: every run of the execution, re-drives too, continues it.
        input: {
          ...input,
          correlationId: CorrelationContext.idOrNew(),
          traceparent: CorrelationContext.outgoingTraceparent(),
        },
      },
      when,
    );
  }
}
