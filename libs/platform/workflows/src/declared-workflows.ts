import type { WorkflowDefinition } from './workflow-definition.js';

/**
 * Every workflow the modules of this build declare (`defineModule({ workflows })`), read from
 * their ASL files: what `WorkflowsModule.forRoot` is given, whichever modules this process hosts.
 * A module's runner takes its own from here; task messages of any of them may reach a hosted
 * module's queue.
 *
 * @example
 * WorkflowsModule.forRoot(options, workflowsOf(MODULES)) // provides DeclaredWorkflows
 * constructor(private readonly workflows: DeclaredWorkflows) {}
 * this.workflows.of('ordering') // [order-fulfilment]
 */
export class DeclaredWorkflows {
  constructor(readonly all: readonly WorkflowDefinition[]) {}

  /** The workflows `module` declares, in its declaration's order. */
  of(module: string): WorkflowDefinition[] {
    return this.all.filter((definition) => definition.module === module);
  }
}
