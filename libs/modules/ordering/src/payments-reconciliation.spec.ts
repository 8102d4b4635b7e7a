import { describe, expect, it } from '@jest/globals';
import { InvalidTimeWindowError } from './domain/ordering.errors.js';
import { PAYMENTS_RECONCILIATION, paymentsReconciliationOf } from './payments-reconciliation.js';

describe('paymentsReconciliationOf', () => {
  it('names the reconciliation of one UTC day by the day, as the nightly DAG does', () => {
    expect(
      paymentsReconciliationOf({ since: '2026-05-01T00:00:00Z', until: '2026-05-02T00:00:00Z' }),
    ).toEqual({
      workflow: PAYMENTS_RECONCILIATION,
      name: 'reconciliation-2026-05-01',
      input: { since: '2026-05-01T00:00:00.000Z', until: '2026-05-02T00:00:00.000Z' },
    });
  });

  it('names any other window by both ends, with characters Step Functions allows', () => {
    const start = paymentsReconciliationOf({
      since: '2026-05-01T10:15:00.250+02:00',
      until: '2026-05-01T09:00:00Z',
    });
    expect(start.name).toBe('reconciliation-20260501T081500250Z-20260501T090000000Z');
    expect(start.name).toMatch(/^[\w-]{1,80}$/);
    expect(start.input).toEqual({
      since: '2026-05-01T08:15:00.250Z',
      until: '2026-05-01T09:00:00.000Z',
    });
  });

  it('refuses an empty window', () => {
    expect(() =>
      paymentsReconciliationOf({ since: '2026-05-02T00:00:00Z', until: '2026-05-01T00:00:00Z' }),
    ).toThrow(InvalidTimeWindowError);
  });
});
