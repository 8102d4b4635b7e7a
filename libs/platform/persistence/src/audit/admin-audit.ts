import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AdminAction, AdminAuditLog, AuditFilter, AuditRecord } from './admin-audit-log.js';

/** The module an action targets has no audit log in this process, so it may not run here. */
export class NotAuditableHereError extends Error {
  constructor(readonly module: string) {
    super(
      `Module "${module}" is not hosted by this process, so an action on it cannot be audited here`,
    );
    this.name = 'NotAuditableHereError';
  }
}

/**
 * The audit logs of every module hosted in this process: every operator action writes one row
 * into the log of the module it acts on, in the action's own transaction when the action
 * changes the module's tables.
 *
 * @example
 * const redriven = await audit.perform('shipping', { actor, action: 'outbox.redrive', target, traceId },
 *   async (tx) => {
 *     const count = await outbox.redrive(ids, tx);
 *     return { result: count, before: { parked: ids }, after: { redriven: count } };
 *   });
 */
@Injectable()
export class AdminAudit {
  private readonly logs = new Map<string, AdminAuditLog>();

  register(log: AdminAuditLog): void {
    this.logs.set(log.module, log);
  }

  /** The modules whose logs are here, sorted. */
  modules(): string[] {
    return [...this.logs.keys()].sort();
  }

  hosts(module: string): boolean {
    return this.logs.has(module);
  }

  /**
   * Runs `work` in a transaction on `module`'s database and records the action in the same
   * transaction: both commit, or neither. Throws NotAuditableHereError when `module` is not
   * hosted here (the work does not run).
   */
  async perform<T>(
    module: string,
    action: Omit<AdminAction, 'before' | 'after'>,
    work: (transaction: EntityManager) => Promise<{ result: T; before: unknown; after: unknown }>,
  ): Promise<T> {
    const log = this.logOf(module);
    return log.db.transaction(async (transaction) => {
      const done = await work(transaction);
      await log.record(transaction, { ...action, before: done.before, after: done.after });
      return done.result;
    });
  }

  /** Records an action that changed nothing in `module`'s tables (a flag flip, a DLQ redrive). */
  async record(module: string, action: AdminAction): Promise<AuditRecord> {
    return this.logOf(module).record(undefined, action);
  }

  /**
   * The newest rows of every hosted module's log (or of one `module`) matching `filter`,
   * newest first, `page` of `pageSize` (pages from 1).
   */
  async list(
    filter: Omit<AuditFilter, 'limit'> & { module?: string; page: number; pageSize: number },
  ): Promise<AuditRecord[]> {
    const wanted = filter.page * filter.pageSize;
    const logs = filter.module
      ? [this.logs.get(filter.module)].filter((log) => log !== undefined)
      : [...this.logs.values()];
    const perModule = await Promise.all(logs.map((log) => log.list({ ...filter, limit: wanted })));
    return perModule
      .flat()
      .sort((a, b) => b.at.localeCompare(a.at) || a.id.localeCompare(b.id))
      .slice(wanted - filter.pageSize, wanted);
  }

  private logOf(module: string): AdminAuditLog {
    const log = this.logs.get(module);
    if (!log) throw new NotAuditableHereError(module);
    return log;
  }
}
