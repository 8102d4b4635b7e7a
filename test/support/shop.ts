import { randomUUID } from 'node:crypto';
import type { HttpResponse, httpClient } from './http-client.js';

type HttpClient = ReturnType<typeof httpClient>;

/** Ada's address in Berlin (domestic shipping), or the same address in another country. */
export function shippingAddress(country = 'DE') {
  return {
    name: 'Ada Lovelace',
    line1: 'Hauptstraße 1',
    city: 'Berlin',
    postalCode: '10115',
    country,
  };
}

/** POST /orders as `customer`, with a fresh Idempotency-Key unless one is given. */
export function placeOrder(
  customer: HttpClient,
  lines: { sku: string; quantity: number }[],
  options: { country?: string; paymentToken?: string; idempotencyKey?: string } = {},
): Promise<HttpResponse> {
  return customer(
    'POST',
    '/orders',
    {
      lines,
      shippingAddress: shippingAddress(options.country),
      paymentToken: options.paymentToken ?? 'tok_approve',
    },
    { 'idempotency-key': options.idempotencyKey ?? `key-${randomUUID()}` },
  );
}
