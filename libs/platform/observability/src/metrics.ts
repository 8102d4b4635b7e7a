import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

type MetricKind = 'counter' | 'gauge' | 'histogram';

interface Registration {
  readonly kind: MetricKind;
  readonly labelNames: readonly string[];
  readonly metric: Counter | Gauge | Histogram;
}

/**
 * The application's Prometheus metrics. Owns its registry rather than prom-client's global one,
 * because several applications share one process in tests and each must count only its own
 * requests. Starts with the standard Node.js process metrics (`process_cpu_user_seconds_total`,
 * `nodejs_heap_size_used_bytes`, …). Metrics are get-or-create by name, so a component can ask for
 * its metric wherever it needs it.
 *
 * @example
 * const placed = metrics.counter('orders_placed_total', 'Orders accepted.', ['currency']);
 * placed.inc({ currency: 'EUR' });
 */
export class Metrics {
  private readonly registry = new Registry();
  private readonly registrations = new Map<string, Registration>();

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** The Content-Type of `render()`'s text, for the HTTP response. */
  get contentType(): string {
    return this.registry.contentType;
  }

  counter<T extends string = string>(
    name: string,
    help: string,
    labelNames: readonly T[] = [],
  ): Counter<T> {
    return this.getOrCreate(
      'counter',
      name,
      labelNames,
      () => new Counter<T>({ name, help, labelNames, registers: [this.registry] }),
    );
  }

  gauge<T extends string = string>(
    name: string,
    help: string,
    labelNames: readonly T[] = [],
  ): Gauge<T> {
    return this.getOrCreate(
      'gauge',
      name,
      labelNames,
      () => new Gauge<T>({ name, help, labelNames, registers: [this.registry] }),
    );
  }

  /** `buckets` in the metric's unit (seconds for durations); prom-client's defaults when absent. */
  histogram<T extends string = string>(
    name: string,
    help: string,
    labelNames: readonly T[] = [],
    buckets?: number[],
  ): Histogram<T> {
    return this.getOrCreate(
      'histogram',
      name,
      labelNames,
      () =>
        new Histogram<T>({
          name,
          help,
          labelNames,
          registers: [this.registry],
          ...(buckets ? { buckets } : {}),
        }),
    );
  }

  /** Every metric in the Prometheus text exposition format. */
  async render(): Promise<string> {
    return this.registry.metrics();
  }

  private getOrCreate<M extends Registration['metric']>(
    kind: MetricKind,
    name: string,
    labelNames: readonly string[],
    create: () => M,
  ): M {
    const existing = this.registrations.get(name);
    if (existing) {
      if (existing.kind !== kind) {
        throw new Error(
          `Metric "${name}" is already registered as a ${existing.kind}; it cannot also be a ${kind}.`,
        );
      }
      if (!sameLabelNames(existing.labelNames, labelNames)) {
        throw new Error(
          `Metric "${name}" is already registered with labels [${existing.labelNames.join(', ')}]; ` +
            `asked for [${labelNames.join(', ')}].`,
        );
      }
      return existing.metric as M;
    }
    if (this.registry.getSingleMetric(name)) {
      throw new Error(`Metric "${name}" is a default process metric; choose another name.`);
    }
    const metric = create();
    this.registrations.set(name, { kind, labelNames: [...labelNames], metric });
    return metric;
  }
}

function sameLabelNames(a: readonly string[], b: readonly string[]): boolean {
  const sorted = [...b].sort();
  return a.length === b.length && [...a].sort().every((label, i) => label === sorted[i]);
}
