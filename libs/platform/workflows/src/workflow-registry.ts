import { Injectable } from '@nestjs/common';
import type { ExecutionStore } from './execution-store.js';
import type { WorkflowDefinition } from './workflow-definition.js';
import type { WorkflowStarter } from './workflow-starter.js';

/** The execution stores and definitions of every module hosted in this process: what operators list. */
@Injectable()
export class WorkflowRegistry {
  private readonly stores = new Map<string, ExecutionStore>();

  private readonly definitions = new Map<string, WorkflowDefinition>();

  private readonly owners = new Map<string, { store: ExecutionStore; starter: WorkflowStarter }>();

  register(
    store: ExecutionStore,
    definitions: Iterable<WorkflowDefinition> = [],
    starter?: WorkflowStarter,
  ): void {
    this.stores.set(store.module, store);
    for (const definition of definitions) {
      this.definitions.set(`${store.module}/${definition.name}`, definition);
      if (starter) this.owners.set(definition.name, { store, starter });
    }
  }

  /** The module that runs `workflow` in this process, with its starter (workflow names are unique). */
  owner(workflow: string): { store: ExecutionStore; starter: WorkflowStarter } | undefined {
    return this.owners.get(workflow);
  }

  /** The definition `module`'s runner runs for `workflow` (what the console draws). */
  definition(module: string, workflow: string): WorkflowDefinition | undefined {
    return this.definitions.get(`${module}/${workflow}`);
  }

  all(): ExecutionStore[] {
    return [...this.stores.values()].sort((a, b) => a.module.localeCompare(b.module));
  }
}
