import { Injectable } from '@nestjs/common';
import type { Outbox } from './outbox.js';

/** Every module outbox in this process, by module name: what operators list and redrive. */
@Injectable()
export class OutboxRegistry {
  private readonly outboxes = new Map<string, Outbox>();

  register(outbox: Outbox): void {
    this.outboxes.set(outbox.module, outbox);
  }

  get(module: string): Outbox | undefined {
    return this.outboxes.get(module);
  }

  all(): Outbox[] {
    return [...this.outboxes.values()].sort((a, b) => a.module.localeCompare(b.module));
  }
}
