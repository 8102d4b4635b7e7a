export { busTaskDispatch } from './bus-task-dispatch.js';
export { DeclaredWorkflows } from './declared-workflows.js';
export {
  EXECUTION_STATUSES,
  RUN_TRACEPARENT,
  ExecutionStore,
  type ClaimedExecution,
  type EngineKind,
  type ExecutionDetails,
  type ExecutionFilter,
  type ExecutionStatus,
  type ExecutionStep,
  type ExecutionSummary,
  type FinishedOutcome,
  type FinishRecord,
  type OperatorChange,
  STEP_DATA_LIMIT,
  type StepRecord,
  type StepStatus,
} from './execution-store.js';
export { StepJournal } from './step-journal.js';
export { LocalWorkflowEngine } from './local/local-workflow-engine.js';
export { StepFunctionsWorkflowEngine } from './stepfunctions/step-functions-workflow-engine.js';
export {
  parseTaskMessage,
  taskFailureOf,
  type TaskDispatch,
  type TaskMessage,
} from './task-message.js';
export {
  taskPattern,
  TASK_RESOURCE,
  WorkflowDefinition,
  type AslDefinition,
  type AslState,
  type WorkflowTask,
} from './workflow-definition.js';
export type { RunningExecution, WorkflowEngine } from './workflow-engine.js';
export { ENGINE_KINDS, WorkflowOptions, type StepFunctionsTarget } from './workflow-options.js';
export { WorkflowRegistry } from './workflow-registry.js';
export { WorkflowRunner } from './workflow-runner.js';
export { stepOfPattern, WorkflowMetrics, type StepOfPattern } from './workflow-metrics.js';
export { WorkflowStarter, type WorkflowStart } from './workflow-starter.js';
export { WorkflowsModule } from './workflows.module.js';
export {
  createWorkflowNotifyMigration,
  createWorkflowStepDataMigration,
  createWorkflowTablesMigration,
  workflowChannel,
} from './workflow-tables.migration.js';
export {
  executionArnOf,
  StepFunctionsStarter,
  type StartedWorkflow,
  type StartWorkflowRequest,
} from './stepfunctions/step-functions-starter.js';
export {
  OUTPUT_TOO_LARGE_ERROR,
  TaskResultLimits,
  TaskTokenResponder,
  taskTokenRef,
  type TaskOutcome,
  type TaskTokenResponderOptions,
} from './stepfunctions/task-token-responder.js';
export { AWS_ONLY_HEARTBEAT_MARKER, lintWorkflow, runnableWorkflow } from './asl-lint.js';
