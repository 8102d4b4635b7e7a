/**
 * HTTP load for benchmarks: autocannon at a fixed concurrency for a fixed time, run in a worker
 * thread so that the load generator does not share an event loop with the server under test.
 *
 * @example
 * const result = await runHttpLoad({ url, path: '/orders', connections: 16, seconds: 10, ... });
 */
import { createRequire } from 'node:module';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

export interface HttpLoad {
  /** e.g. http://127.0.0.1:41234 — benchmarks only ever load 127.0.0.1 */
  readonly url: string;
  readonly method: 'POST' | 'PUT' | 'GET';
  readonly path: string;
  readonly connections: number;
  readonly seconds: number;
  readonly headers: Readonly<Record<string, string>>;
  /** Request bodies, used in turn. */
  readonly bodies: readonly string[];
  /**
   * A header made unique per request: `<prefix>.<epoch ms when the request was built>.<n>`, so
   * what the server stored under it says when the request was sent (e.g. an Idempotency-Key).
   */
  readonly stampHeader: { readonly name: string; readonly prefix: string };
  /**
   * Requests per second, sent evenly spaced whatever the answers (an open load, like real
   * customers), instead of `connections` clients each waiting for its answer. autocannon's own
   * rate limit sends each second's share in a burst, which measures queueing, not latency.
   */
  readonly rate?: number;
}

export interface HttpLoadResult {
  readonly sent: number;
  readonly completed: number;
  readonly status2xx: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  /** Responses per second over the run. */
  readonly requestsPerSecond: number;
  readonly latencyP50Ms: number;
  readonly latencyP99Ms: number;
}

interface RequestParams {
  headers: Record<string, string>;
  body?: string;
}

interface AutocannonOptions {
  url: string;
  connections: number;
  duration: number;
  pipelining: number;
  timeout: number;
  /** Inside a worker thread autocannon returns the raw result; aggregated below. */
  skipAggregateResult: boolean;
  requests: {
    method: string;
    path: string;
    headers: Record<string, string>;
    setupRequest: (request: RequestParams) => RequestParams;
  }[];
}

interface AutocannonResult {
  requests: { sent: number };
  latency: { p50: number; p99: number };
  '2xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

/** The part of autocannon 9 used here (it ships no types). */
interface Autocannon {
  (options: AutocannonOptions): Promise<unknown>;
  aggregateResult(results: unknown[], options: AutocannonOptions): AutocannonResult;
}

export function runHttpLoad(load: HttpLoad): Promise<HttpLoadResult> {
  const worker = new Worker(new URL(import.meta.url), { workerData: load });
  return new Promise((resolve, reject) => {
    worker.once('message', (result: HttpLoadResult) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`load worker exited with ${code}`)));
  });
}

async function generateLoad(load: HttpLoad): Promise<HttpLoadResult> {
  const url = new URL(load.url);
  if (url.hostname !== '127.0.0.1') throw new Error(`benchmarks load 127.0.0.1 only: ${load.url}`);
  if (load.rate) return generatePacedLoad(load, load.rate);
  const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
  let n = 0;
  const options: AutocannonOptions = {
    url: url.origin,
    connections: load.connections,
    duration: load.seconds,
    pipelining: 1,
    timeout: 30,
    requests: [
      {
        method: load.method,
        path: load.path,
        headers: { ...load.headers },
        setupRequest: (request) => {
          n += 1;
          request.headers[load.stampHeader.name] = `${load.stampHeader.prefix}.${Date.now()}.${n}`;
          request.body = load.bodies[n % load.bodies.length];
          return request;
        },
      },
    ],
    skipAggregateResult: true,
  };
  const result = autocannon.aggregateResult([await autocannon(options)], options);
  return {
    sent: result.requests.sent,
    completed: result['2xx'] + result.non2xx,
    status2xx: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    requestsPerSecond: (result['2xx'] + result.non2xx) / load.seconds,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
  };
}

/** `rate` requests a second, evenly spaced, each stamped when it is sent. */
async function generatePacedLoad(load: HttpLoad, rate: number): Promise<HttpLoadResult> {
  const intervalMs = 1000 / rate;
  const start = performance.now();
  const latencies: number[] = [];
  let sent = 0;
  let status2xx = 0;
  let non2xx = 0;
  let errors = 0;
  const inFlight: Promise<void>[] = [];
  while (performance.now() - start < load.seconds * 1000) {
    const due = start + sent * intervalMs;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    sent += 1;
    const began = performance.now();
    const request = fetch(`${load.url}${load.path}`, {
      method: load.method,
      headers: {
        ...load.headers,
        [load.stampHeader.name]: `${load.stampHeader.prefix}.${Date.now()}.${sent}`,
      },
      body: load.bodies[sent % load.bodies.length],
    }).then(
      async (response) => {
        await response.arrayBuffer();
        latencies.push(performance.now() - began);
        if (response.ok) status2xx += 1;
        else non2xx += 1;
      },
      () => {
        errors += 1;
      },
    );
    inFlight.push(request);
  }
  await Promise.all(inFlight);
  const sorted = latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
  return {
    sent,
    completed: status2xx + non2xx,
    status2xx,
    non2xx,
    errors,
    timeouts: 0,
    requestsPerSecond: (status2xx + non2xx) / load.seconds,
    latencyP50Ms: at(0.5),
    latencyP99Ms: at(0.99),
  };
}

if (!isMainThread && parentPort && (workerData as HttpLoad | undefined)?.stampHeader) {
  parentPort.postMessage(await generateLoad(workerData as HttpLoad));
}
