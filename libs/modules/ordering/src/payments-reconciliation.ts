import type { WorkflowStart } from '#platform/workflows';
import { timeWindow } from './domain/time-window.js';

/**
 * The nightly reconciliation of payments against orders: workflows/payments-reconciliation.asl.json,
 * declared in the module's `index.ts`. It voids the card holds that orders which ended (REJECTED
 * or CANCELLED) in a window still have, and reports captured ones for a refund by an operator.
 * On AWS, MWAA starts it every night (terraform/mwaa/dags/ordering__payments_reconciliation.py).
 */
export const PAYMENTS_RECONCILIATION = 'payments-reconciliation';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The reconciliation of the orders that ended in `[since, until)` (ISO-8601 instants), named by
 * its window so the same window is never reconciled twice at once: `reconciliation-<day>` for
 * one whole UTC day, `reconciliation-<since>-<until>` otherwise. (The nightly DAG names its
 * 03:00-to-03:00 windows `reconciliation-<ds>` itself.)
 *
 * @throws InvalidTimeWindowError when `since` is not before `until`.
 * @example
 * paymentsReconciliationOf({ since: '2026-05-01T00:00:00Z', until: '2026-05-02T00:00:00Z' });
 * // { workflow: 'payments-reconciliation', name: 'reconciliation-2026-05-01',
 * //   input: { since: '2026-05-01T00:00:00.000Z', until: '2026-05-02T00:00:00.000Z' } }
 */
export function paymentsReconciliationOf(window: { since: string; until: string }): WorkflowStart {
  const { since, until } = timeWindow(window.since, window.until);
  const oneDay = since.getTime() % DAY_MS === 0 && until.getTime() - since.getTime() === DAY_MS;
  // Execution names allow letters, digits, - and _ only (Step Functions).
  const compact = (instant: Date) => instant.toISOString().replace(/[^0-9A-Z]/g, '');
  return {
    workflow: PAYMENTS_RECONCILIATION,
    name: oneDay
      ? `reconciliation-${since.toISOString().slice(0, 10)}`
      : `reconciliation-${compact(since)}-${compact(until)}`,
    input: { since: since.toISOString(), until: until.toISOString() },
  };
}
