export {
  EXECUTION_STATUSES,
  RUN_TRACEPARENT,
  ExecutionStore,
  type ExecutionDetails,
  type ExecutionStatus,
  type ExecutionSummary,
  type OperatorChange,
} from './execution-store.js';
export { WorkflowDefinition } from './workflow-definition.js';
export { WorkflowOptions } from './workflow-options.js';
export { WorkflowRegistry } from './workflow-registry.js';
export { WorkflowStarter, type WorkflowStart } from './workflow-starter.js';
export { WorkflowsModule } from './workflows.module.js';
export {
  createWorkflowNotifyMigration,
  createWorkflowStepDataMigration,
  createWorkflowTablesMigration,
} from './workflow-tables.migration.js';
export { LINTED_WORKFLOWS_FILE, recordLintedWorkflows, runnableWorkflow } from './asl-lint.js';
