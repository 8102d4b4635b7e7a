import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Logger } from '@nestjs/common';
import type { ChannelListener } from '#platform/persistence';
import type { ClaimedExecution, ExecutionStore } from './execution-store.js';
import type { WorkflowDefinition } from './workflow-definition.js';
import { StepJournal } from './step-journal.js';
import type { RunningExecution, WorkflowEngine } from './workflow-engine.js';
import type { WorkflowOptions } from './workflow-options.js';

/**
 * Runs a module's workflow executions for the life of the process. Each round claims as many
 * pending executions as there are free slots (`concurrency`), under a lease it renews while
 * they run. A runner that dies stops renewing, so another one (or the same process after a
 * restart) re-drives its executions from the start: every step is idempotent per business key.
 * On shutdown, executions still running are aborted and released for the next runner.
 */
export class WorkflowRunner {
  readonly runnerId = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private readonly logger: Logger;
  private readonly definitions: ReadonlyMap<string, WorkflowDefinition>;
  private readonly hashes: ReadonlyMap<string, string>;
  private readonly inFlight = new Map<string, RunningExecution>();
  private readonly journal: StepJournal;
  private running = false;
  private loop: Promise<void> | undefined;
  private renewal: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: ExecutionStore,
    private readonly listener: ChannelListener,
    private readonly engine: WorkflowEngine,
    definitions: readonly WorkflowDefinition[],
    private readonly options: WorkflowOptions,
  ) {
    this.logger = new Logger(`WorkflowRunner:${store.module}`);
    this.journal = new StepJournal(store);
    this.definitions = new Map(definitions.map((definition) => [definition.name, definition]));
    this.hashes = new Map(definitions.map((definition) => [definition.name, definition.hash]));
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.listener.start();
    this.renewal = setInterval(() => void this.renewLeases(), this.options.leaseMs / 3);
    this.renewal.unref();
    this.loop = this.run();
  }

  /** Stops claiming, aborts what still runs and hands it back for re-driving. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.listener.wake();
    await this.loop;
    clearInterval(this.renewal);
    const ids = [...this.inFlight.keys()];
    for (const execution of this.inFlight.values()) execution.abort();
    await Promise.allSettled([...this.inFlight.values()].map((execution) => execution.outcome));
    await this.journal.flush();
    await this.store
      .release(this.runnerId, ids)
      .catch((error: unknown) =>
        this.logger.warn({ err: error }, 'Could not release executions; their leases will expire'),
      );
    if (ids.length > 0)
      this.logger.log({ executions: ids.length }, 'Released running executions for re-driving');
    await this.listener.stop();
  }

  /** One round: claim what fits and start it. @returns how many executions were claimed. */
  async runOnce(): Promise<number> {
    const free = this.options.concurrency - this.inFlight.size;
    if (free <= 0) return 0;
    const claimed = await this.store.claim(
      this.runnerId,
      this.engine.kind,
      free,
      this.options.leaseMs,
      this.hashes,
    );
    for (const execution of claimed) this.launch(execution);
    return claimed.length;
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        await this.runOnce();
      } catch (error) {
        this.logger.error({ err: error }, 'Claiming workflow executions failed; retrying');
      }
      if (this.running) await this.listener.idle(this.options.pollIntervalMs);
    }
  }

  private launch(execution: ClaimedExecution): void {
    const definition = this.definitions.get(execution.workflow)!;
    const input = {
      ...execution.input,
      queues: Object.fromEntries(
        definition.modules.map((module) => [module, this.options.queueUrl(module)]),
      ),
    };
    const context = {
      executionId: execution.id,
      workflow: execution.workflow,
      name: execution.name,
      run: execution.run,
    };
    if (execution.run > 1) this.logger.log(context, 'Re-driving workflow execution');
    const running = this.engine.execute(definition, execution, input, this.journal);
    this.inFlight.set(execution.id, running);
    void running.outcome
      .then(async (outcome) => {
        if (!outcome) return; // aborted: released by stop() or lost with its lease
        const recorded = await this.store.finish(this.runnerId, execution.id, outcome);
        if (!recorded) this.logger.warn(context, 'Execution ended after its lease was lost');
        else if (outcome.status === 'FAILED')
          this.logger.error(
            { ...context, error: outcome.error, cause: outcome.cause },
            'Workflow execution failed; it needs an operator',
          );
        else this.logger.log({ ...context, status: outcome.status }, 'Workflow execution ended');
      })
      .catch(async (error: unknown) => {
        const delayMs = Math.min(60_000, 1_000 * 2 ** Math.min(execution.run, 6));
        this.logger.warn(
          { ...context, err: error, retryInMs: delayMs },
          'Workflow execution could not be run; retrying later',
        );
        await this.store
          .postpone(this.runnerId, execution.id, delayMs, String(error))
          .catch(() => undefined);
      })
      .finally(() => {
        this.inFlight.delete(execution.id);
        this.listener.wake(); // a slot is free
      });
  }

  private async renewLeases(): Promise<void> {
    const ids = [...this.inFlight.keys()];
    if (ids.length === 0) return;
    try {
      const held = await this.store.renew(this.runnerId, ids, this.options.leaseMs);
      for (const id of ids) {
        if (held.has(id) || !this.inFlight.has(id)) continue;
        this.logger.warn({ executionId: id }, 'Lost the lease on an execution; aborting it here');
        this.inFlight.get(id)!.abort();
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'Could not renew execution leases; retrying');
    }
  }
}
