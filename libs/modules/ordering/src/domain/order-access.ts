import { OrderAccessDeniedError } from './ordering.errors.js';

/** Who asks: a customer (their id) or staff with the admin role. */
export interface Requester {
  readonly subject: string;
  readonly admin: boolean;
}

/** Whether the requester is staff or the customer themself. */
export function mayAccess(requester: Requester, customerId: string): boolean {
  return requester.admin || requester.subject === customerId;
}

/** @throws OrderAccessDeniedError unless the requester is staff or the customer themself. */
export function assertMayAccess(requester: Requester, customerId: string): void {
  if (!mayAccess(requester, customerId)) throw new OrderAccessDeniedError();
}
