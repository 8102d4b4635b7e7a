import { randomUUID } from 'node:crypto';
import { CorrelationContext, SpanKind, Tracing, type SpanStart } from '#platform/observability';
import {
  eventPatternOf,
  type ModuleContract,
  type RequestOf,
  type ResponseOf,
} from './contract.js';
import { MessageRecord, type MessageHeaders } from './message-packet.js';
import type { ModuleRouter } from './module-router.js';

export interface SendOptions {
  /** Deadline for the reply; defaults to SEAM_CALL_TIMEOUT_MS. */
  readonly timeoutMs?: number;
}

/**
 * A module's only way to talk to other modules. Each module gets its own bus, which stamps
 * the sender and the current correlation id on every message.
 *
 * @example
 * const { products } = await bus.to(Catalog).send('catalog.get-products', { skus: ['SKU-1'] });
 * await bus.publish(new ProductDeactivated('SKU-1', '2026-11-21T10:00:00.000Z'));
 */
export class ModuleBus {
  constructor(
    /** The module that owns this bus: the `caller` of everything it sends. */
    readonly module: string,
    private readonly router: ModuleRouter,
    private readonly defaultTimeoutMs: number,
  ) {}

  to<Contract extends ModuleContract>(contract: Contract): ContractClient<Contract> {
    return new ContractClient(contract, this);
  }

  /**
   * Delivers an event to every subscribed handler now; settles when all of them have finished.
   * To publish atomically with a state change, write the event to the module's Outbox instead.
   */
  async publish<Event extends object>(event: Event): Promise<void> {
    const pattern = eventPatternOf(event);
    if (!Tracing.enabled) return this.deliver(pattern, event, this.headers());
    await Tracing.inSpan(`publish ${pattern}`, this.spanStart(SpanKind.PRODUCER), () =>
      this.deliver(pattern, event, this.headers()),
    );
  }

  /** Delivers an already-serialised event with its original headers (used by the outbox relay). */
  deliver(pattern: string, payload: unknown, headers: MessageHeaders): Promise<void> {
    return this.router.publish(pattern, new MessageRecord(payload, headers));
  }

  /**
   * Request/reply by pattern name, for code that reads the pattern from data rather than from a
   * contract (workflow tasks). Prefer `bus.to(Contract).send(...)`, which is typed.
   */
  sendPattern(pattern: string, data: unknown, options: SendOptions = {}): Promise<unknown> {
    return this.request(pattern.split('.')[0] as string, pattern, data, options);
  }

  /** @internal Used by ContractClient; call `bus.to(Contract).send(...)` instead. */
  request(target: string, pattern: string, data: unknown, options: SendOptions): Promise<unknown> {
    if (!Tracing.enabled) return this.call(target, pattern, data, options);
    // The CLIENT span is active while the headers are made: the callee's span is its child.
    return Tracing.inSpan(`send ${pattern}`, this.spanStart(SpanKind.CLIENT, target), () =>
      this.call(target, pattern, data, options),
    );
  }

  private call(
    target: string,
    pattern: string,
    data: unknown,
    options: SendOptions,
  ): Promise<unknown> {
    return this.router.request(
      target,
      pattern,
      new MessageRecord(data, this.headers()),
      options.timeoutMs ?? this.defaultTimeoutMs,
    );
  }

  private spanStart(kind: SpanKind, target?: string): SpanStart {
    return {
      kind,
      attributes: target
        ? { 'seam.module': this.module, 'seam.target': target }
        : { 'seam.module': this.module },
    };
  }

  private headers(): MessageHeaders {
    return {
      messageId: randomUUID(),
      correlationId: CorrelationContext.idOrNew(),
      caller: this.module,
      traceparent: CorrelationContext.outgoingTraceparent(),
    };
  }
}

/** Typed request/reply to one module, as declared by its contract. */
export class ContractClient<Contract extends ModuleContract> {
  constructor(
    private readonly contract: Contract,
    private readonly bus: ModuleBus,
  ) {}

  send<Pattern extends keyof Contract['patterns'] & string>(
    pattern: Pattern,
    request: RequestOf<Contract['patterns'][Pattern]>,
    options: SendOptions = {},
  ): Promise<ResponseOf<Contract['patterns'][Pattern]>> {
    return this.bus.request(this.contract.module, pattern, request, options) as Promise<
      ResponseOf<Contract['patterns'][Pattern]>
    >;
  }
}
