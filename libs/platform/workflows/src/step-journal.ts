import { Logger } from '@nestjs/common';
import type { ExecutionStore, StepRecord } from './execution-store.js';

/**
 * The steps of running executions, kept in memory and written in batches: every change since
 * the last write goes out in one statement, at most `intervalMs` later, and whenever an
 * execution ends (before its outcome is recorded). With a hundred sagas under way that is a
 * few statements a second instead of two per step. A crash loses at most the last interval of
 * the timeline; the execution itself is recorded separately and re-driven as before.
 */
export class StepJournal {
  private readonly logger = new Logger(StepJournal.name);
  private readonly dirty = new Map<string, StepRecord>();
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: ExecutionStore,
    private readonly intervalMs = 250,
  ) {}

  /** The step's state now; written with the next batch. */
  note(step: StepRecord): void {
    this.dirty.set(`${step.executionId}:${step.run}:${step.seq}`, { ...step });
    this.timer ??= setTimeout(() => void this.flush(), this.intervalMs).unref();
  }

  /** Writes every change noted so far; settles when they are stored (or logged as lost). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = [...this.dirty.values()];
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
