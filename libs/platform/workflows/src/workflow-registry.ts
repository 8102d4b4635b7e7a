import { Injectable } from '@nestjs/common';
import type { ExecutionStore } from './execution-store.js';
import type { WorkflowDefinition } from './workflow-definition.js';

/** The execution stores and definitions of every module hosted in this process: what operators list. */
@Injectable()
export class WorkflowRegistry {
  private readonly stores = new Map<string, ExecutionStore>();

  private readonly definitions = new Map<string, WorkflowDefinition>();

  register(store: ExecutionStore, definitions: Iterable<WorkflowDefinition> = []): void {
    this.stores.set(store.module, store);
    for (const definition of definitions)
      this.definitions.set(`${store.module}/${definition.name}`, definition);
  }

  /** The definition `module`'s runner runs for `workflow` (what the console draws). */
  definition(module: string, workflow: string): WorkflowDefinition | undefined {
    return this.definitions.get(`${module}/${workflow}`);
  }

  all(): ExecutionStore[] {
    return [...this.stores.values()].sort((a, b) => a.module.localeCompare(b.module));
  }
}
