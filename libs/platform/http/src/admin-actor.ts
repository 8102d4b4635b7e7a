import { ConflictException } from '@nestjs/common';
import { CorrelationContext, TraceParent } from '#platform/observability';
import { NotAuditableHereError, type AdminAction } from '#platform/persistence';
import type { Principal } from './auth/principal.js';

/**
 * Who performs an operator action in the current request, and under which trace: the parts of
 * an audit row that come from the request rather than from the action.
 */
export function actingAdmin(principal: Principal): Pick<AdminAction, 'actor' | 'traceId'> {
  return {
    actor: principal.subject,
    traceId: TraceParent.parse(CorrelationContext.outgoingTraceparent())?.traceId ?? null,
  };
}

/** Runs an audited action; an action on a module not hosted here answers 409 and does nothing. */
export async function audited<T>(action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof NotAuditableHereError) throw new ConflictException(error.message);
    throw error;
  }
}
