import { OrderAccessDeniedError } from './ordering.errors.js';

/** Who asks: a customer (their id) or staff with the admin role. */
export interface Requester {
  readonly subject: string;
  readonly admin: boolean;
}

/** @throws OrderAccessDeniedError unless the requester is staff or the customer themself. */
export function assertMayAccess(requester: Requester, customerId: string): void {
  if (!requester.admin && requester.subject !== customerId) throw new OrderAccessDeniedError();
}
