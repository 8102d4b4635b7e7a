import { describe, expect, it } from '@jest/globals';
import { MessageRecord } from '../message-packet.js';
import { canaryKeyOf, inCanary } from './canary-split.js';
import { FlagModuleRouter } from './flag-module-router.js';

const record = (data: unknown, correlationId = 'corr-1') =>
  new MessageRecord(data, { messageId: 'm-1', correlationId, caller: 'test' });

describe('canary split', () => {
  it('sends 30% of 10,000 keys to the canary (within two standard deviations)', () => {
    const keys = 10_000;
    let remote = 0;
    for (let index = 0; index < keys; index += 1)
      if (inCanary('payments', `order:o-${index}`, 30)) remote += 1;
    const sd = Math.sqrt(keys * 0.3 * 0.7); // ≈ 46
    expect(Math.abs(remote - keys * 0.3)).toBeLessThanOrEqual(2 * sd);
  });

  it('sends the same key the same way every time', () => {
    for (let index = 0; index < 200; index += 1) {
      const key = `customer:c-${index}`;
      const first = inCanary('payments', key, 30);
      for (let call = 0; call < 20; call += 1) expect(inCanary('payments', key, 30)).toBe(first);
    }
  });

  it('sends nothing at 0% and everything at 100%', () => {
    for (let index = 0; index < 1000; index += 1) {
      expect(inCanary('payments', `k-${index}`, 0)).toBe(false);
      expect(inCanary('payments', `k-${index}`, 100)).toBe(true);
    }
  });

  it('keys a message by its order, else its customer, else its correlation id', () => {
    expect(canaryKeyOf(record({ orderId: 'o-1', customerId: 'c-1' }))).toBe('order:o-1');
    expect(canaryKeyOf(record({ customerId: 'c-1' }))).toBe('customer:c-1');
    expect(canaryKeyOf(record({ sku: 'X' }, 'corr-9'))).toBe('correlation:corr-9');
    expect(canaryKeyOf(record(null, 'corr-9'))).toBe('correlation:corr-9');
  });
});

describe('FlagModuleRouter in canary mode', () => {
  const router = new FlagModuleRouter(
    {} as never,
    {} as never,
    {} as never,
    { routeOf: () => ({ mode: 'canary', percent: 30 }) },
    { hosted: new Set(['payments']), dedicated: false },
    {} as never,
    () => 'command',
    { counter: () => ({ inc: () => undefined }) } as never,
    console,
  );

  it('routes every call about one order the same way, and about 30% of orders remote', () => {
    let remote = 0;
    for (let index = 0; index < 1000; index += 1) {
      const ways = new Set(
        Array.from({ length: 10 }, (_, call) =>
          router.wayTo('payments', record({ orderId: `o-${index}` }, `corr-${index}-${call}`)),
        ),
      );
      expect(ways.size).toBe(1);
      if (ways.has('remote')) remote += 1;
    }
    expect(remote).toBeGreaterThan(240);
    expect(remote).toBeLessThan(360);
  });
});
