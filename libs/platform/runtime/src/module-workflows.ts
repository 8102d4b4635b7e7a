import { WorkflowDefinition } from '#platform/workflows';
import type { ModuleDeclaration } from './module-declaration.js';

/** A workflow name is a file name and, in AWS, part of the state machine's name. */
const WORKFLOW_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/**
 * Every workflow the modules declare (`defineModule({ workflows })`), read from its ASL file, in
 * module order: what the processes run and the infrastructure deploys. A declared workflow whose
 * file is missing or not JSON fails here, naming the file; so does a badly formed name, or a name
 * two modules declare (their state machines would be one). Checking the ASL itself is left to
 * where it runs (`WorkflowsModule.forModule`) and to the synthesis (`runnableWorkflow`).
 *
 * @example
 * WorkflowsModule.forRoot(options, workflowsOf(MODULES))
 * SystemPlan.of({ modules: MODULES, subscriptions, workflows: workflowsOf(MODULES), topology })
 */
export function workflowsOf(
  modules: readonly Pick<ModuleDeclaration, 'name' | 'workflows'>[],
): WorkflowDefinition[] {
  const owners = new Map<string, string>();
  return modules.flatMap((module) =>
    (module.workflows ?? []).map((name) => {
      if (!WORKFLOW_NAME.test(name))
        throw new Error(
          `Module "${module.name}" declares workflow "${name}": expected a lower-case name of ` +
            `letters, digits and single hyphens (its file is workflows/<name>.asl.json)`,
        );
      const owner = owners.get(name);
      if (owner)
        throw new Error(`Workflow "${name}" is declared by both "${owner}" and "${module.name}"`);
      owners.set(name, module.name);
      return WorkflowDefinition.load(module.name, name);
    }),
  );
}
