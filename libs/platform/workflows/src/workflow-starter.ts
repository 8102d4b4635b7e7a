import { CorrelationContext } from '#platform/observability';
import { sql, type Sql } from '#platform/persistence';
import type { EntityManager } from 'typeorm';
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
  start(start: WorkflowStart, when: Sql = sql`true`): Sql {
    return this.store.enqueue(this.entryOf(start), when);
  }

  /**
   * Starts `start` by itself, for a workflow that no state change calls for: a scheduled job
   * (run by hand, or by a test), not a business change, which starts its workflow with `start`
   * in its own statement. Starting the same (workflow, name) again starts nothing. Given a
   * `transaction`, the start commits with it (an operator's action and its audit row).
   *
   * @returns false when an execution of that name exists already.
   * @example
   * const started = await starter.startAlone({
   *   workflow: 'payments-reconciliation',
   *   name: 'reconciliation-2026-05-01',
   *   input: { since: '2026-05-01T00:00:00.000Z', until: '2026-05-02T00:00:00.000Z' },
   * });
   */
  startAlone(start: WorkflowStart, transaction?: EntityManager): Promise<boolean> {
    return this.store.enqueueAlone(this.entryOf(start), transaction);
  }

  private entryOf({ workflow, name, input }: WorkflowStart) {
    if (!this.workflows.has(workflow)) {
      throw new Error(
        `Module "${this.store.module}" has no workflow "${workflow}"; name it in the module's defineModule({ workflows })`,
      );
    }
    return {
      workflow,
      name,
      engine: this.options.engine,
      // The starter's trace: every run of the execution, re-drives too, continues it.
      input: {
        ...input,
        correlationId: CorrelationContext.idOrNew(),
        traceparent: CorrelationContext.outgoingTraceparent(),
      },
    };
  }
}
