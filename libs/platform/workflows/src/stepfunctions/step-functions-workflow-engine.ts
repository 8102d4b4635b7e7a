import type { ClaimedExecution, FinishedOutcome } from '../execution-store.js';
import type { WorkflowDefinition } from '../workflow-definition.js';
import type { RunningExecution, WorkflowEngine } from '../workflow-engine.js';
import type { StepFunctionsTarget } from '../workflow-options.js';
import type { StepFunctionsStarter } from './step-functions-starter.js';

/**
 * Hands executions to AWS Step Functions: StartExecution of the workflow's state machine
 * (`<stateMachineArnPrefix><workflow>`), named by the business key so a repeated start is a
 * no-op. From then on AWS runs it; module queues answer its tasks (TaskTokenResponder).
 */
export class StepFunctionsWorkflowEngine implements WorkflowEngine {
  readonly kind = 'stepfunctions';

  constructor(
    private readonly starter: StepFunctionsStarter,
    private readonly target: StepFunctionsTarget,
  ) {}

  execute(
    definition: WorkflowDefinition,
    execution: ClaimedExecution,
    input: Record<string, unknown>,
  ): RunningExecution {
    const outcome = this.starter
      .start({
        stateMachineArn: `${this.target.stateMachineArnPrefix}${definition.name}`,
        name: execution.name,
        input,
      })
      .then(({ executionArn }): FinishedOutcome => ({
        status: 'SUBMITTED',
        externalId: executionArn,
      }));
    return { outcome, abort: () => undefined };
  }
}
