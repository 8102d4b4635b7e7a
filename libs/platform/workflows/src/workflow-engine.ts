import type { ClaimedExecution, EngineKind, FinishedOutcome } from './execution-store.js';
import type { StepJournal } from './step-journal.js';
import type { WorkflowDefinition } from './workflow-definition.js';

/** One execution under way. `outcome` is undefined when it was aborted. */
export interface RunningExecution {
  readonly outcome: Promise<FinishedOutcome | undefined>;
  abort(): void;
}

/**
 * Runs claimed executions: the local engine runs them in this process and records their
 * steps; the Step Functions engine hands them to AWS. The runner records the outcome.
 */
export interface WorkflowEngine {
  readonly kind: EngineKind;
  execute(
    definition: WorkflowDefinition,
    execution: ClaimedExecution,
    /** The execution input with `queues` added (what `$$.Execution.Input` is). */
    input: Record<string, unknown>,
    /** Where the engine notes the steps it runs (the local engine; AWS keeps its own history). */
    journal: StepJournal,
  ): RunningExecution;
}
