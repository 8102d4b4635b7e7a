import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually } from '../support/eventually.js';
import type { HttpResponse } from '../support/http-client.js';
import { MAIN, type MonolithProcess } from '../support/monolith-process.js';
import {
  expectMixOutcomes,
  placeMixedOrders,
  REJECT_REASON,
  stockedProduct,
} from '../support/order-mix.js';
import { auditWhenSagasEnd, sagaViolations } from '../support/saga-audit.js';
import { placeOrder } from '../support/shop.js';
import { SplitSystem } from '../support/split-system.js';
import { testDatabase } from '../support/test-database.js';

/** `payments.payments.authorized_by`: the application_name of the connection that inserted the row. */
const BY_SERVICE = 'seam:payments@payments';
const BY_MONOLITH = 'seam:payments@monolith';

/**
 * Payments moved out of the monolith into its own process, reached over a real SQS server on
 * loopback, and steered by the `route-payments` flag: fully remote, a 50 % canary, and routed
 * back to the monolith while orders keep coming. Which process authorised each payment is read
 * by SQL from `authorized_by`, never from the API under test.
 *
 * The monolith consumes the payments queue only while payments is routed `local` (see
 * `consumes` in messaging.module.ts); the service always does. So in `remote` and `canary`
 * modes a remote call is served by the service and a local one by the monolith.
 */
describe('payments split into its own process', () => {
  const adminUrl = testDatabase().adminUrl.href;
  let system: SplitSystem;

  beforeAll(async () => {
    if (!existsSync(MAIN))
      throw new Error(`${MAIN} is missing: run \`npm run build\` first (\`npm test\` does it)`);
    system = await SplitSystem.start('payments', {
      mode: 'remote',
      env: {
        // Hundreds of orders from one customer: far above the default write rate limit.
        SEAM_WRITES_PER_MINUTE: '1000000',
        // Most orders reserve the same SKU, whose stock row serialises reservations. With the
        // default 100 sagas at once on a busy 2-core machine, some reservations wait past the
        // 5 s call deadline and their orders are (rightly) rejected as unavailable: a capacity
        // outcome that would hide what these tests check. 25 at once keeps the queue short.
        SEAM_WORKFLOW_CONCURRENCY: '25',
      },
    });
  }, 60_000);

  afterAll(async () => {
    await system?.stop();
  }, 30_000);

  /** How many times `running` has logged a change of route-payments. */
  const routeChangesSeen = (running: MonolithProcess) =>
    [...running.output().matchAll(/"msg":"Feature flags changed from [^"]*route-payments/g)].length;

  /** Sets route-payments and waits until the monolith routes by the new value. */
  const routePayments = async (...assignments: string[]) => {
    const before = readFileSync(system.flagsFile, 'utf8');
    const seen = routeChangesSeen(system.monolith);
    await system.setFlag('route-payments', ['enabled=true', ...assignments]);
    if (readFileSync(system.flagsFile, 'utf8') === before) return; // already routed so
    await eventually(
      () => routeChangesSeen(system.monolith),
      (count) => count > seen,
      `the monolith to see route-payments ${assignments.join(' ')}`,
    );
  };

  /** Whether `running` consumes the payments queue now, by its last start or stop of it. */
  const consumesPayments = (running: MonolithProcess) => {
    const changes = running
      .output()
      .match(/"module":"payments"[^\n]*"msg":"(Consuming|Stopped consuming) the module queue"/g);
    return changes?.at(-1)?.includes('"msg":"Consuming') ?? false;
  };

  /** Order id → authorized_by of its payment, for the orders that have one. */
  const authorizers = async (orderIds: string[]): Promise<Map<string, string>> => {
    const db = new pg.Client({ connectionString: adminUrl });
    await db.connect();
    try {
      const { rows } = await db.query<{ orderId: string; authorizedBy: string }>(
        `SELECT order_id AS "orderId", authorized_by AS "authorizedBy"
           FROM payments.payments WHERE order_id = ANY($1)`,
        [orderIds],
      );
      return new Map(rows.map((row) => [row.orderId, row.authorizedBy]));
    } finally {
      await db.end();
    }
  };

  const tally = (names: Iterable<string>) => {
    const counts: Record<string, number> = {};
    for (const name of names) counts[name] = (counts[name] ?? 0) + 1;
    return counts;
  };

  /**
   * Calls `place(index)` `count` times (and on while `more()` asks for it), `inFlight` at a
   * time, in index order; returns every response by index.
   */
  const placeConcurrently = async (
    count: number,
    inFlight: number,
    place: (index: number) => Promise<HttpResponse>,
    more: () => boolean = () => false,
  ): Promise<HttpResponse[]> => {
    const responses: HttpResponse[] = [];
    let next = 0;
    const worker = async () => {
      while (next < count || more()) {
        const index = next++;
        responses[index] = await place(index);
      }
    };
    await Promise.all(Array.from({ length: inFlight }, worker));
    return responses;
  };

  it('authorises every payment in the payments service while payments is routed remote', async () => {
    const mix = await placeMixedOrders(
      system.client('ops', ['admin']),
      system.client(`split-remote-${randomUUID()}`),
      25,
    );
    const ids = [...mix.orders.keys()];

    const audits = await auditWhenSagasEnd(adminUrl, ids);
    expect(sagaViolations(audits)).toEqual([]);
    expectMixOutcomes(mix, audits);

    const by = await authorizers(ids);
    // Every order that reached the payment step has its row (declines too), all by the service.
    expect(by.size).toBe(audits.filter((audit) => audit.payment !== null).length);
    expect(by.size).toBeGreaterThan(0);
    expect(tally(by.values())).toEqual({ [BY_SERVICE]: by.size });
    // The monolith leaves the payments queue to the service.
    expect(consumesPayments(system.service!)).toBe(true);
    expect(consumesPayments(system.monolith)).toBe(false);
  }, 180_000);

  it('sends about half of the authorisations to the payments service at canary 50 %', async () => {
    await routePayments('mode=canary', 'percent=50');
    const sku = await stockedProduct(system.client('ops', ['admin']), 1000, 'CANARY');
    const customer = system.client(`split-canary-${randomUUID()}`);

    // 400 good orders: each authorises exactly once, and each authorisation is one coin toss.
    const orders = 400;
    const responses = await placeConcurrently(orders, 16, () =>
      placeOrder(customer, [{ sku, quantity: 1 }]),
    );
    expect(responses.filter((response) => response.status !== 201)).toEqual([]);
    const ids = responses.map((response) => response.body.id as string);

    const audits = await auditWhenSagasEnd(adminUrl, ids);
    expect(sagaViolations(audits)).toEqual([]);
    expect(new Set(audits.map((audit) => audit.status))).toEqual(new Set(['CONFIRMED']));

    // Only the service consumes the payments queue: a remote call is served there, a local one
    // in the monolith, so authorized_by tells which way each call went.
    expect(consumesPayments(system.monolith)).toBe(false);
    const counts = tally((await authorizers(ids)).values());
    expect((counts[BY_SERVICE] ?? 0) + (counts[BY_MONOLITH] ?? 0)).toBe(orders);
    // Remote calls are a binomial draw: n = 400, p = 0.5, so sd = sqrt(400 * 0.5 * 0.5) = 10
    // calls. Accepting 200 ± 40 calls (share 0.5 ± 0.1, i.e. ±4 sd) fails a correct router about
    // once in 16,000 runs, yet catches one stuck local or remote, or off by 10 points or more.
    const remoteShare = (counts[BY_SERVICE] ?? 0) / orders;
    expect(remoteShare).toBeGreaterThanOrEqual(0.4);
    expect(remoteShare).toBeLessThanOrEqual(0.6);
  }, 180_000);

  it('ends every order right when payments is routed back to the monolith under load', async () => {
    await routePayments('mode=remote');
    const sku = await stockedProduct(system.client('ops', ['admin']), 1000, 'FLIP');
    const customer = system.client(`split-flip-${randomUUID()}`);
    const kinds = ['approve', 'flaky', 'approve', 'decline'] as const;
    const token = { approve: 'tok_approve', flaky: 'tok_flaky', decline: 'tok_decline' };

    const orders = 100;
    const placed: string[] = [];
    let flip: Promise<void> | undefined;
    let flipSeen = false;
    let flipFailed = false;
    // Halfway, and once the service has authorised some of these orders (so the first half
    // demonstrably went remote), payments is routed back to the monolith.
    const flipBack = async () => {
      await eventually(
        () => authorizers(placed),
        (by) => [...by.values()].filter((name) => name === BY_SERVICE).length >= 5,
        'five payments authorised by the service before the flip',
        60_000,
      );
      await routePayments('mode=local');
    };
    /** Per order index: did the monolith route payments local before the order was placed? */
    const placedAfterFlip: boolean[] = [];
    const responses = await placeConcurrently(
      orders,
      8,
      async (index) => {
        if (index === orders / 2)
          flip = flipBack().then(
            () => void (flipSeen = true),
            (error: unknown) => {
              flipFailed = true;
              throw error;
            },
          );
        placedAfterFlip[index] = flipSeen;
        const response = await placeOrder(customer, [{ sku, quantity: 1 }], {
          paymentToken: token[kinds[index % kinds.length]!],
        });
        if (response.status === 201) placed.push(response.body.id as string);
        return response;
      },
      // Placing goes on until at least 20 orders follow the flip, however long it takes.
      () => !flipFailed && placedAfterFlip.filter(Boolean).length < 20,
    );
    await flip;

    expect(
      responses.flatMap((response, index) =>
        response.status === 201 ? [] : [`order ${index}: ${response.status}`],
      ),
    ).toEqual([]);
    const ids = responses.map((response) => response.body.id as string);
    const kindOf = new Map(ids.map((id, index) => [id, kinds[index % kinds.length]!]));

    const audits = await auditWhenSagasEnd(adminUrl, ids);
    expect(sagaViolations(audits)).toEqual([]);
    const outcomes = tally(
      audits.map((audit) => `${kindOf.get(audit.orderId)} ${audit.status} ${audit.rejectReason}`),
    );
    const ofKind = (kind: string) => ids.filter((id) => kindOf.get(id) === kind).length;
    expect(outcomes).toEqual({
      'approve CONFIRMED null': ofKind('approve'),
      'flaky CONFIRMED null': ofKind('flaky'),
      [`decline REJECTED ${REJECT_REASON.declined}`]: ofKind('decline'),
    });
    // Charged once: a confirmed order's capture is its total, a rejected one nets nothing.
    for (const audit of audits)
      expect(audit.captured - audit.refunded).toBe(audit.status === 'CONFIRMED' ? audit.total : 0);

    const by = await authorizers(ids);
    expect(by.size).toBe(ids.length);
    const before = tally(ids.flatMap((id, index) => (placedAfterFlip[index] ? [] : [by.get(id)!])));
    const after = tally(ids.flatMap((id, index) => (placedAfterFlip[index] ? [by.get(id)!] : [])));
    expect(before[BY_SERVICE]).toBeGreaterThan(0);
    expect(after).toEqual({ [BY_MONOLITH]: placedAfterFlip.filter(Boolean).length });
    // Routed local, the monolith took its payments queue back; the service still consumes it.
    expect(consumesPayments(system.monolith)).toBe(true);
    expect(consumesPayments(system.service!)).toBe(true);
  }, 180_000);
});
