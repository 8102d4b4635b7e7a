import type { MessageRecord } from '../message-packet.js';

/**
 * The key a canary splits on: the order the message is about, else the customer, else the
 * business transaction (correlation id). Every step of one checkout names its order, so a
 * checkout goes one way as a whole instead of flipping between local and remote per call.
 */
export function canaryKeyOf(record: MessageRecord): string {
  const data = record.data;
  if (data !== null && typeof data === 'object') {
    const { orderId, customerId } = data as { orderId?: unknown; customerId?: unknown };
    if (typeof orderId === 'string' && orderId) return `order:${orderId}`;
    if (typeof customerId === 'string' && customerId) return `customer:${customerId}`;
  }
  return `correlation:${record.headers.correlationId}`;
}

/**
 * Whether `key` falls in the canary's `percent` (0–100) for `module`: a stable hash of the
 * module and the key, so the same key always goes the same way, and over many keys `percent`
 * of them go remote. The module is part of the hash so two canaries pick independent keys.
 *
 * @example
 * inCanary('payments', 'order:o-1', 30); // the same answer every time for o-1
 */
export function inCanary(module: string, key: string, percent: number): boolean {
  // 10 000 buckets: percent may have two decimals.
  return fnv1a32(`${module}\u0000${key}`) % 10_000 < percent * 100;
}

/** FNV-1a, 32 bits: fast, no allocation, well spread for short keys. Not for security. */
function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
