import type { Metrics } from '#platform/observability';
import type { WorkflowDefinition } from './workflow-definition.js';

/** Saga durations in seconds: from a few hundred milliseconds to an hour of waiting on a step. */
const DURATION_BUCKETS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800, 3600];

/**
 * The workflows' Prometheus metrics. Labels are names from the definitions (workflow, Task
 * state) and outcomes, never an execution or order id.
 * - `seam_saga_duration_seconds{workflow, status}`: from the execution's creation to its end,
 *   across re-drives (local engine; Step Functions reports its own `ExecutionTime`).
 * - `seam_saga_step_errors_total{workflow, state}`: failed Task attempts, retried ones included.
 * - `seam_saga_runs_in_flight{workflow}`: executions this process is running now (at most
 *   SEAM_WORKFLOW_CONCURRENCY per module); a cancelled one counts until its run has stopped.
 */
export class WorkflowMetrics {
  static readonly DURATION_METRIC = 'seam_saga_duration_seconds';
  static readonly STEP_ERRORS_METRIC = 'seam_saga_step_errors_total';
  static readonly IN_FLIGHT_METRIC = 'seam_saga_runs_in_flight';
  private readonly duration;
  private readonly stepErrors;
  private readonly inFlight;

  constructor(metrics: Metrics) {
    this.duration = metrics.histogram(
      WorkflowMetrics.DURATION_METRIC,
      'Saga executions from creation to end (SUCCEEDED or FAILED), re-drives included',
      ['workflow', 'status'],
      DURATION_BUCKETS,
    );
    this.stepErrors = metrics.counter(
      WorkflowMetrics.STEP_ERRORS_METRIC,
      'Failed attempts of a saga Task state, retried ones included',
      ['workflow', 'state'],
    );
    this.inFlight = metrics.gauge(
      WorkflowMetrics.IN_FLIGHT_METRIC,
      'Saga executions this process is running now',
      ['workflow'],
    );
  }

  /** A run of `workflow` began (`+1`) or stopped (`-1`) in this process. */
  running(workflow: string, change: 1 | -1): void {
    this.inFlight.inc({ workflow }, change);
  }

  ended(workflow: string, status: 'SUCCEEDED' | 'FAILED', seconds: number): void {
    this.duration.observe({ workflow, status }, seconds);
  }

  stepFailed(workflow: string, state: string): void {
    this.stepErrors.inc({ workflow, state });
  }
}

/** The workflow and Task state a pattern is called from: what a Step Functions task names. */
export type StepOfPattern = (pattern: string) => { workflow: string; state: string };

/**
 * Finds a task's workflow and state from its pattern (Step Functions' task messages carry only
 * the pattern). A pattern several states call is named by all of them, `A|B`; one no definition
 * calls is `unknown`.
 */
export function stepOfPattern(definitions: readonly WorkflowDefinition[]): StepOfPattern {
  const steps = new Map<string, { workflows: Set<string>; states: Set<string> }>();
  for (const definition of definitions)
    for (const task of definition.tasks) {
      const step = steps.get(task.pattern) ?? { workflows: new Set(), states: new Set() };
      step.workflows.add(definition.name);
      step.states.add(task.state);
      steps.set(task.pattern, step);
    }
  return (pattern) => {
    const step = steps.get(pattern);
    if (!step) return { workflow: 'unknown', state: 'unknown' };
    return { workflow: [...step.workflows].join('|'), state: [...step.states].join('|') };
  };
}
