/**
 * The monolith's HTTP API as the storefront uses it (same origin, under `apiBase`: '' beside the
 * monolith, '/api' behind CloudFront; see /docs for all of it).
 */

export interface Money {
  readonly amount: number;
  readonly currency: string;
}

export interface Product {
  readonly sku: string;
  readonly name: string;
  readonly description: string;
  readonly price: Money;
  readonly active: boolean;
}

export type OrderStatus = 'PENDING' | 'CONFIRMED' | 'REJECTED' | 'CANCELLED';

export interface Order {
  readonly id: string;
  readonly status: OrderStatus;
  readonly rejectReason: string | null;
  readonly total: Money;
  readonly placedAt: string;
}

export interface Address {
  readonly name: string;
  readonly line1: string;
  readonly city: string;
  readonly postalCode: string;
  readonly country: string;
}

/** A failed call, with the problem+json `detail` (what the customer should read) and `code`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

async function call<T>(
  apiBase: string,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  const response = await fetch(`${apiBase}${path}`, {
    method,
    headers: {
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  if (!response.ok) {
    const detail = typeof json.detail === 'string' ? json.detail : response.statusText;
    throw new ApiError(
      response.status,
      detail,
      typeof json.code === 'string' ? json.code : undefined,
    );
  }
  return json as T;
}

/** The calls the storefront makes, under `apiBase`. */
export function storefrontApi(apiBase: string) {
  return {
    /** Active products, first page (public: no token). */
    products: () =>
      call<{ items: Product[] }>(apiBase, 'GET', '/catalog/products?active=true&pageSize=100').then(
        (page) => page.items,
      ),

    /** A development token for `customerId` (404 when the monolith has a real token issuer). */
    devToken: (customerId: string) =>
      call<{ token: string }>(apiBase, 'POST', '/dev/token', undefined, { customerId }).then(
        (body) => body.token,
      ),

    placeOrder: (
      token: string,
      idempotencyKey: string,
      order: {
        lines: { sku: string; quantity: number }[];
        shippingAddress: Address;
        paymentToken: string;
      },
    ) =>
      call<Order>(apiBase, 'POST', '/orders', token, order, { 'idempotency-key': idempotencyKey }),

    order: (token: string, id: string) =>
      call<Order>(apiBase, 'GET', `/orders/${encodeURIComponent(id)}`, token),

    myOrders: (token: string, customerId: string) =>
      call<{ items: Order[] }>(
        apiBase,
        'GET',
        `/customers/${encodeURIComponent(customerId)}/orders?pageSize=20`,
        token,
      ).then((page) => page.items),
  };
}

export type StorefrontApi = ReturnType<typeof storefrontApi>;
