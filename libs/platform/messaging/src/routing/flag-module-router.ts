import { isDeepStrictEqual } from 'node:util';
import type { LoggerService } from '@nestjs/common';
import type { ClientProxy } from '@nestjs/microservices';
import { CorrelationContext, type Metrics } from '#platform/observability';
import type { PatternKind } from '../contract.js';
import type { EventSubscriptions } from '../event-subscriptions.js';
import type { InProcessClient } from '../in-process/in-process.client.js';
import type { MessageRecord } from '../message-packet.js';
import { emitThrough, ModuleRouter, settleAll } from '../module-router.js';
import { canaryKeyOf, inCanary } from './canary-split.js';
import type { RemoteCalls } from './remote-calls.js';

export type RouteMode = 'local' | 'shadow' | 'canary' | 'remote';

/** Where calls to a module go now: read live on every call. */
export interface RouteTable {
  routeOf(module: string): { readonly mode: RouteMode; readonly percent: number };
}

/** Which modules this process runs, and whether it is a dedicated service for them. */
export interface Placement {
  /** Modules whose code runs in this process. */
  readonly hosted: ReadonlySet<string>;
  /**
   * A module service (SEAM_MODULES set): it serves its modules itself whatever their routing
   * flags say; the flags steer the monolith's callers towards it.
   */
  readonly dedicated: boolean;
}

/**
 * Routes each call by the target module's `route-<module>` flag, read live:
 * - `local`: in process.
 * - `shadow`: in process answers; query patterns are mirrored to the remote copy and the
 *   answers compared (mismatches counted and logged). Commands are never mirrored.
 * - `canary`: `percent` of keys go remote, the rest stay in process. The key is the message's
 *   order, else customer, else correlation id (see canaryKeyOf), so one checkout goes one way.
 * - `remote`: over SQS, through a circuit breaker (see RemoteCalls).
 * A module not hosted here is always remote; a module served by this dedicated service is
 * always local. Events follow the same route per subscribing module.
 */
export class FlagModuleRouter extends ModuleRouter {
  private readonly shadowCounter;

  constructor(
    private readonly local: InProcessClient,
    private readonly remoteClient: ClientProxy,
    private readonly remote: RemoteCalls,
    private readonly routes: RouteTable,
    private readonly placement: Placement,
    private readonly subscriptions: EventSubscriptions,
    private readonly kindOf: (pattern: string) => PatternKind | undefined,
    metrics: Metrics,
    private readonly logger: LoggerService,
  ) {
    super();
    this.shadowCounter = metrics.counter(
      'seam_shadow_comparisons_total',
      'Shadowed query answers compared with the in-process answer: match, mismatch, remote_error',
      ['module', 'pattern', 'result'],
    );
  }

  /** Where `record` sent to `module` goes. */
  wayTo(module: string, record: MessageRecord): 'local' | 'shadow' | 'remote' {
    if (!this.placement.hosted.has(module)) return 'remote';
    if (this.placement.dedicated) return 'local';
    const { mode, percent } = this.routes.routeOf(module);
    if (mode === 'canary')
      return inCanary(module, canaryKeyOf(record), percent) ? 'remote' : 'local';
    return mode;
  }

  async request(target: string, pattern: string, record: MessageRecord, timeoutMs: number) {
    const way = this.wayTo(target, record);
    const kind = this.kindOf(pattern);
    if (way === 'remote')
      return this.remote.request(target, pattern, record, timeoutMs, kind === 'query');
    const answer = await this.local.request(pattern, record, timeoutMs);
    if (way === 'shadow' && kind === 'query')
      void this.compareWithRemote(target, pattern, record, timeoutMs, answer);
    return answer;
  }

  publish(pattern: string, record: MessageRecord): Promise<void> {
    const subscribers = new Set([
      ...this.local.subscribersOf(pattern),
      ...this.subscriptions.subscribersOf(pattern),
    ]);
    return settleAll(
      [...subscribers].map((subscriber) =>
        this.wayTo(subscriber, record) === 'remote'
          ? emitThrough(this.remoteClient, pattern, record.for(subscriber))
          : this.local.emit(pattern, record.for(subscriber)),
      ),
    );
  }

  private async compareWithRemote(
    module: string,
    pattern: string,
    record: MessageRecord,
    timeoutMs: number,
    localAnswer: unknown,
  ): Promise<void> {
    let remoteAnswer: unknown;
    try {
      remoteAnswer = await this.remote.request(module, pattern, record, timeoutMs, true);
    } catch (error) {
      this.shadowCounter.inc({ module, pattern, result: 'remote_error' });
      this.logger.warn({ module, pattern, err: error }, 'Shadow call failed');
      return;
    }
    // Both answers crossed a JSON boundary, so they compare as plain data.
    if (isDeepStrictEqual(localAnswer, remoteAnswer)) {
      this.shadowCounter.inc({ module, pattern, result: 'match' });
      return;
    }
    this.shadowCounter.inc({ module, pattern, result: 'mismatch' });
    this.logger.warn(
      {
        module,
        pattern,
        correlationId: record.headers.correlationId ?? CorrelationContext.current()?.correlationId,
        local: preview(localAnswer),
        remote: preview(remoteAnswer),
      },
      'Shadow mismatch: the remote answer differs from the in-process answer',
    );
  }
}

function preview(value: unknown): string {
  const json = JSON.stringify(value) ?? 'undefined';
  return json.length > 500 ? `${json.slice(0, 500)}…` : json;
}
