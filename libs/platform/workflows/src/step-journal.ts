import { Logger } from '@nestjs/common';
import type { ExecutionStore, StepRecord } from './execution-store.js';

/**
 * The steps of running executions, kept in memory and written in batches: every change since
 * the last write goes out in one statement, at most `intervalMs` later. When an execution ends,
 * the runner takes its unwritten steps and stores them with the outcome, in the same statement.
 * With a hundred sagas under way that is a few statements a second instead of two per step. A
 * crash loses at most the last interval of the timeline; the execution itself is recorded
 * separately and re-driven as before.
 */
export class StepJournal {
  private readonly logger = new Logger(StepJournal.name);
  /** Unwritten step states, by execution, then by `${run}:${seq}`. */
  private readonly dirty = new Map<string, Map<string, StepRecord>>();
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: ExecutionStore,
    private readonly intervalMs = 250,
  ) {}

  /** The step's state now; written with the next batch. */
  note(step: StepRecord): void {
    let steps = this.dirty.get(step.executionId);
    if (!steps) this.dirty.set(step.executionId, (steps = new Map()));
    steps.set(`${step.run}:${step.seq}`, { ...step });
    this.timer ??= setTimeout(() => void this.flush(), this.intervalMs).unref();
  }

  /**
   * The unwritten steps of one execution, for the caller to store (with its outcome); once the
   * batch being written now is stored, so an older state never lands after a newer one.
   */
  async take(executionId: string): Promise<StepRecord[]> {
    await this.writing;
    const steps = [...(this.dirty.get(executionId)?.values() ?? [])];
    this.dirty.delete(executionId);
    return steps;
  }

  /** Writes every change noted so far; settles when they are stored (or logged as lost). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = [...this.dirty.values()].flatMap((steps) => [...steps.values()]);
    this.dirty.clear();
    this.writing = this.writing.then(async () => {
      if (batch.length === 0) return;
      try {
        await this.store.saveSteps(batch);
      } catch (error) {
        this.logger.warn(
          { err: error, steps: batch.length },
          'Could not record workflow steps; the executions carry on',
        );
      }
    });
    return this.writing;
  }
}
