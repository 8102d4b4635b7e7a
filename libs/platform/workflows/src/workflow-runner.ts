import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Logger } from '@nestjs/common';
import type { ChannelListener } from '#platform/persistence';
import { SpanKind, SpanStatusCode, Tracing } from '#platform/observability';
import {
  RUN_TRACEPARENT,
  type ClaimedExecution,
  type ExecutionStore,
  type FinishedOutcome,
} from './execution-store.js';
import type { WorkflowDefinition } from './workflow-definition.js';
import { StepJournal } from './step-journal.js';
import type { RunningExecution, WorkflowEngine } from './workflow-engine.js';
import type { WorkflowOptions } from './workflow-options.js';
import type { WorkflowMetrics } from './workflow-metrics.js';

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
  /** The definitions this runner runs, by workflow name. */
  readonly definitions: ReadonlyMap<string, WorkflowDefinition>;
  private readonly hashes: ReadonlyMap<string, string>;
  /** Executions this runner runs: the engine's handle, and when its lease was last confirmed. */
  private readonly inFlight = new Map<string, InFlight>();
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
    private readonly metrics?: WorkflowMetrics,
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
    const settled = [...this.inFlight.values()].map((flight) => flight.settled);
    for (const flight of this.inFlight.values()) flight.running.abort();
    await Promise.allSettled(settled); // outcomes of those that finished meanwhile are recorded
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
      [...this.inFlight.keys()],
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
    const input: Record<string, unknown> = {
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
    delete input[RUN_TRACEPARENT]; // bookkeeping of the runner, not the workflow's input
    if (execution.run > 1) this.logger.log(context, 'Re-driving workflow execution');
    if (this.inFlight.has(execution.id)) return; // never run one execution twice here
    const running = Tracing.enabled
      ? this.executeTraced(definition, execution, input)
      : this.engine.execute(definition, execution, input, this.journal);
    const flight: InFlight = {
      running,
      leaseFrom: Date.now(),
      settled: Promise.resolve(),
      ended: false,
    };
    flight.settled = running.outcome
      .then(
        (outcome) => {
          flight.ended = true;
          return outcome ? this.recordOutcome(execution, outcome, context) : undefined;
        },
        // The engine could not run it (e.g. Step Functions refused the start): try again later.
        async (error: unknown) => {
          const delayMs = Math.min(60_000, 1_000 * 2 ** Math.min(execution.run, 6));
          this.logger.warn(
            { ...context, err: error, retryInMs: delayMs },
            'Workflow execution could not be run; retrying later',
          );
          await this.store
            .postpone(this.runnerId, execution.id, delayMs, String(error))
            .catch(() => undefined);
        },
      )
      .finally(() => {
        if (this.inFlight.get(execution.id) === flight) this.inFlight.delete(execution.id);
        this.metrics?.running(execution.workflow, -1);
        this.listener.wake(); // a slot is free
      });
    this.inFlight.set(execution.id, flight);
    this.metrics?.running(execution.workflow, 1);
  }

  /**
   * Runs the execution in a span that continues the trace of the code that started it (the
   * traceparent stored with its input). A re-drive (run > 1) is a new span in the same trace,
   * linked to the span of the run before it, whose traceparent that run stored when it began.
   */
  private executeTraced(
    definition: WorkflowDefinition,
    execution: ClaimedExecution,
    input: Record<string, unknown>,
  ): RunningExecution {
    const stored = (key: string) =>
      typeof execution.input[key] === 'string' ? (execution.input[key] as string) : undefined;
    const previousRun =
      execution.run > 1
        ? Tracing.linkTo(stored(RUN_TRACEPARENT), { 'seam.workflow.run': execution.run - 1 })
        : undefined;
    let running: RunningExecution | undefined;
    void Tracing.inSpan(
      `workflow ${execution.workflow}`,
      {
        kind: SpanKind.INTERNAL,
        parent: stored('traceparent'),
        links: previousRun ? [previousRun] : undefined,
        attributes: {
          'seam.module': this.store.module,
          'seam.workflow.name': execution.workflow,
          'seam.workflow.execution_id': execution.id,
          'seam.workflow.business_key': execution.name,
          'seam.workflow.run': execution.run,
          'seam.workflow.engine': this.engine.kind,
        },
      },
      (span) => {
        running = this.engine.execute(definition, execution, input, this.journal);
        const own = Tracing.activeTraceparent();
        if (own)
          void this.store.noteRunTrace(this.runnerId, execution.id, own).catch(() => undefined);
        return running.outcome.then(
          (outcome) => {
            span.setAttribute('seam.workflow.status', outcome?.status ?? 'ABORTED');
            if (outcome?.status === 'FAILED')
              span.setStatus({ code: SpanStatusCode.ERROR, message: outcome.error });
          },
          () => undefined, // launch() handles an engine that could not run it
        );
      },
    );
    return running!;
  }

  /**
   * Records how the execution ended, retrying while the database is unavailable: the execution
   * stays in flight meanwhile, so its lease is renewed and nobody re-drives a finished run.
   */
  private async recordOutcome(
    execution: ClaimedExecution,
    outcome: FinishedOutcome,
    context: Record<string, unknown>,
  ): Promise<void> {
    const steps = await this.journal.take(execution.id);
    for (let attempt = 1; ; attempt++) {
      try {
        const finished = await this.store.finish(this.runnerId, execution.id, outcome, steps);
        if (finished.recorded && outcome.status !== 'SUBMITTED')
          this.metrics?.ended(execution.workflow, outcome.status, finished.ageSeconds ?? 0);
        if (!finished.recorded)
          this.logger.warn(context, 'Execution ended after its lease was lost');
        else if (outcome.status === 'FAILED')
          this.logger.error(
            { ...context, error: outcome.error, cause: outcome.cause },
            'Workflow execution failed; it needs an operator',
          );
        else this.logger.log({ ...context, status: outcome.status }, 'Workflow execution ended');
        return;
      } catch (error) {
        if (attempt >= RECORD_ATTEMPTS) {
          this.logger.error(
            { ...context, err: error },
            'Could not record how the execution ended; it will be re-driven once its lease expires',
          );
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** attempt));
      }
    }
  }

  /**
   * Extends the leases of the executions in flight. One whose lease was taken (another runner
   * re-drove it) is aborted here; if the database cannot be reached for most of a lease, every
   * execution whose lease may have run out is aborted too, before another runner takes it.
   */
  private async renewLeases(): Promise<void> {
    const ids = [...this.inFlight.keys()];
    if (ids.length === 0) return;
    const asked = Date.now();
    try {
      const held = await this.store.renew(this.runnerId, ids, this.options.leaseMs);
      for (const id of ids) {
        const flight = this.inFlight.get(id);
        if (!flight) continue;
        if (held.has(id)) flight.leaseFrom = asked;
        // Ended while the renewal ran: its outcome released the lease, nothing was lost.
        else if (!flight.ended) {
          this.logger.warn({ executionId: id }, 'Lost the lease on an execution; aborting it here');
          flight.running.abort();
        }
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'Could not renew execution leases; retrying');
      const safeFor = this.options.leaseMs * LEASE_SAFETY;
      for (const [id, flight] of this.inFlight) {
        if (Date.now() - flight.leaseFrom < safeFor) continue;
        this.logger.warn(
          { executionId: id },
          'Lease may have expired; aborting the execution here',
        );
        flight.running.abort();
      }
    }
  }
}

interface InFlight {
  readonly running: RunningExecution;
  /** When the lease was last known to be ours (claim or renewal). */
  leaseFrom: number;
  /** Settles once the outcome is recorded (or the execution given back). */
  settled: Promise<void>;
  /** The engine has finished it; its outcome is being recorded (and its lease released). */
  ended: boolean;
}

/** Attempts at recording an outcome before leaving it to the lease. */
const RECORD_ATTEMPTS = 6;
/** Share of a lease after which a runner that cannot renew stops its executions. */
const LEASE_SAFETY = 0.8;
