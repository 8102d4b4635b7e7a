import { Injectable } from '@nestjs/common';
import type { ExecutionStore } from './execution-store.js';

/** The execution stores of every module hosted in this process: what operators list. */
@Injectable()
export class WorkflowRegistry {
  private readonly stores = new Map<string, ExecutionStore>();

  register(store: ExecutionStore): void {
    this.stores.set(store.module, store);
  }

  all(): ExecutionStore[] {
    return [...this.stores.values()].sort((a, b) => a.module.localeCompare(b.module));
  }
}
