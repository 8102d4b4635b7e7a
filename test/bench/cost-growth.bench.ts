/**
 * Benchmark 6: how the cost of an order grows with concurrency, and what extracting a module
 * adds to it. Orders placed over HTTP and CONFIRMED (benchmark 2's load, test/bench/order-load.ts)
 * at concurrency 1, 8, 32 and 128, against the built `npm start` entry point in two set-ups:
 *   monolith  - one process, every module in it, the in-process transport
 *   extracted - the monolith with route-payments `remote`, plus a payments service process
 *               (SEAM_MODULES=payments), the two talking over SQS (local-aws-sqs on loopback,
 *               in this process), as `npm run start:split -- payments` runs them
 *   traced    - the monolith with tracing on, exporting every span over OTLP/HTTP to a
 *               collector stand-in on loopback (in this process; it accepts and counts spans)
 * Every set-up starts as `npm start` does, with the tracing preload (a no-op while tracing is off).
 * Both on one embedded PostgreSQL. For every concurrency the set-ups alternate; each measurement
 * starts its processes afresh (so no idle process of the other set-up competes for the CPU and
 * no other process picks up its sagas), warms them up, loads them, drains and stops them.
 * Reported per set-up and concurrency: orders/s, HTTP p50/p99, sent → CONFIRMED p50/p99, and
 * sent → payment authorised p50 (where the saga's time goes), CPU ms of the Seam processes per
 * order, orders not confirmed, HTTP non-2xx + errors, and orders/s extracted / monolith.
 *
 *   npm run bench:cost
 *   npm run bench:tracing   (BENCH_COST_VARIANTS=monolith,traced: the cost of tracing)
 *   BENCH_CONCURRENCY=8,32 BENCH_SECONDS=5 BENCH_ROUNDS=3 node dist/test/bench/cost-growth.bench.js
 * (defaults: BENCH_CONCURRENCY=1,8,32,128 BENCH_SECONDS=8 BENCH_ROUNDS=1 BENCH_WARMUP_SECONDS=3)
 */
import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqsServer } from 'local-aws-sqs';
import pg from 'pg';
import { editFlagDocument, FlagDocument, FlagsOptions } from '#platform/flags';
import { issueDevToken } from '#platform/http';
import { createRootLogger } from '#platform/observability';
import { DatabaseConnection, EmbeddedPostgresServer, SchemaMigrator } from '#platform/persistence';
import { MODULES } from '#monolith/modules';
import { startOtlpSpanSink } from '../support/otlp-span-sink.js';
import { median, percentile, report, round } from './bench-report.js';
import {
  AUTH_SECRET,
  ordersUnder,
  placeOrders,
  seamSettled,
  seedCatalog,
  type RoundResult,
  type VariantUnderTest,
} from './order-load.js';

type Variant = 'monolith' | 'extracted' | 'traced';
const VARIANTS: readonly Variant[] = ['monolith', 'extracted', 'traced'];

/** The built entry point of `npm start` (this file runs from dist/test/bench). */
const MAIN = join(import.meta.dirname, '..', '..', 'apps', 'monolith', 'src', 'main.js');
const PRELOAD = join(
  import.meta.dirname,
  '..',
  '..',
  'libs',
  'platform',
  'observability',
  'src',
  'tracing-preload.js',
);
/** Warm-up load before every measurement, so that each fresh process runs optimised code. */
const WARMUP_CONNECTIONS = 16;

interface Measurement extends RoundResult {
  readonly toAuthorisedP50Ms: number;
  /** CPU time of the Seam processes over the round (load, drain, settle) per order confirmed. */
  readonly cpuMsPerOrder: number;
  /** Calls to the SQS API over the round (load, drain, settle) per order confirmed. */
  readonly sqsCallsPerOrder: number;
}

interface RunningSystem extends VariantUnderTest {
  /** CPU seconds the system's processes have used so far. */
  cpuSeconds(): number;
}

/** A started `main.js`, ready at `url`. */
interface SeamProcess {
  readonly name: string;
  readonly child: ChildProcess;
  readonly url: string;
  readonly exited: Promise<void>;
}

/** Log lines at warn or above (and anything not JSON), counted per process and message. */
const notable = new Map<string, number>();

async function main(): Promise<void> {
  const concurrencies = (process.env.BENCH_CONCURRENCY ?? '1,8,32,128').split(',').map(Number);
  const seconds = Number(process.env.BENCH_SECONDS ?? 8);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 1);
  const warmupSeconds = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
  const variants = (process.env.BENCH_COST_VARIANTS ?? 'monolith,extracted')
    .split(',')
    .map((name) => name.trim() as Variant);
  const unknown = variants.filter((variant) => !VARIANTS.includes(variant));
  if (unknown.length > 0 || !variants.includes('monolith'))
    throw new Error(`BENCH_COST_VARIANTS: monolith and any of ${VARIANTS.join(', ')}`);
  const logger = createRootLogger({ level: 'warn', service: 'bench' });
  const dataDir = await mkdtemp(join(tmpdir(), 'seam-bench-'));
  const postgres = await EmbeddedPostgresServer.start({ dataDir, logger, throwaway: true });
  const admin = new pg.Pool({ connectionString: postgres.adminUrl.href, max: 2 });
  // An idle client cut off while PostgreSQL stops must not crash the run before it cleans up.
  admin.on('error', () => undefined);
  const sqs = await createSqsServer({
    port: 0,
    hostname: '127.0.0.1',
    emulateQueueCreationLifecycle: false,
  });
  let sqsCalls = 0;
  sqs.on('request', () => (sqsCalls += 1));
  const collector = await startOtlpSpanSink();
  let running: RunningSystem | undefined;
  try {
    await new SchemaMigrator(new DatabaseConnection(postgres.adminUrl), logger).migrate(
      MODULES.map((hosted) => hosted.schema),
    );
    const settled = await seamSettled(admin);
    const token = await issueDevToken(new TextEncoder().encode(AUTH_SECRET), {
      subject: `bench-${randomUUID()}`,
    });
    const flagFiles = writeFlagFiles(dataDir);
    const common = {
      DATABASE_URL: postgres.adminUrl.href,
      LOG_LEVEL: 'warn',
      SEAM_AUTH_DEV_SECRET: AUTH_SECRET,
      SEAM_WRITES_PER_MINUTE: '1000000',
    };
    let starts = 0;
    const start = async (variant: Variant): Promise<RunningSystem> => {
      starts += 1;
      const processes: SeamProcess[] = [];
      try {
        if (variant === 'monolith' || variant === 'traced') {
          processes.push(
            await launch(variant, {
              ...common,
              SEAM_TRANSPORT: 'in-process',
              SEAM_FLAGS_FILE: flagFiles.monolith,
              ...(variant === 'traced' && {
                SEAM_TRACING: 'otlp',
                OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
              }),
            }),
          );
        } else {
          const split = {
            ...common,
            SEAM_TRANSPORT: 'sqs',
            SEAM_SQS_QUEUE_PREFIX: `cost${starts}-`,
            AWS_ENDPOINT_URL_SQS: `http://127.0.0.1:${(sqs.address() as AddressInfo).port}`,
            AWS_REGION: 'us-east-1',
            AWS_ACCESS_KEY_ID: 'local',
            AWS_SECRET_ACCESS_KEY: 'local',
            SEAM_FLAGS_FILE: flagFiles.extracted,
          };
          processes.push(await launch('extracted monolith', split));
          processes.push(
            await launch('extracted payments', { ...split, SEAM_MODULES: 'payments' }),
          );
        }
      } catch (error) {
        await Promise.all(processes.map(stop));
        throw error;
      }
      return {
        url: processes[0]!.url,
        orders: async (prefix) => {
          const gone = processes.find((p) => p.child.exitCode !== null || p.child.signalCode);
          if (gone) throw new Error(`${gone.name} exited during the run`);
          return ordersUnder(admin, 'ordering', prefix);
        },
        settled,
        cpuSeconds: () => processes.reduce((sum, p) => sum + cpuSeconds(p.child.pid!), 0),
        close: () => Promise.all(processes.map(stop)).then(() => undefined),
      };
    };

    const measure = async (variant: Variant, connections: number, label: string) => {
      running = await start(variant);
      try {
        if (starts === 1) await seedCatalog(running.url);
        await placeOrders(running, {
          token,
          connections: WARMUP_CONNECTIONS,
          seconds: warmupSeconds,
          prefix: `cost.${variant}.${label}warmup`,
        });
        const prefix = `cost.${variant}.${label}`;
        const cpuBefore = running.cpuSeconds();
        const sqsCallsBefore = sqsCalls;
        const result = await placeOrders(running, { token, connections, seconds, prefix });
        return {
          ...result,
          toAuthorisedP50Ms: await toAuthorisedP50Ms(admin, prefix),
          cpuMsPerOrder: ((running.cpuSeconds() - cpuBefore) * 1000) / result.confirmed,
          sqsCallsPerOrder: (sqsCalls - sqsCallsBefore) / result.confirmed,
        };
      } finally {
        await running.close();
        running = undefined;
      }
    };

    const results = new Map<string, Measurement[]>();
    const key = (variant: Variant, connections: number) => `${variant}@${connections}`;
    for (const connections of concurrencies) {
      for (let r = 0; r < rounds; r++) {
        // Alternate which set-up goes first, so neither always runs on a warmer machine.
        for (const variant of r % 2 === 0 ? variants : [...variants].reverse()) {
          const result = await measure(variant, connections, `c${connections}r${r + 1}`);
          results.set(key(variant, connections), [
            ...(results.get(key(variant, connections)) ?? []),
            result,
          ]);
          process.stdout.write(
            `concurrency ${connections} round ${r + 1} ${variant}: ` +
              `${Math.round(result.ordersPerSecond)} orders/s confirmed, ` +
              `HTTP p50 ${result.http.latencyP50Ms} ms, ` +
              `sent → CONFIRMED p50 ${Math.round(result.toConfirmedP50Ms)} ms, ` +
              `${result.notConfirmed} not confirmed, ${result.http.non2xx} non-2xx\n`,
          );
        }
      }
    }

    const ordersPerSecond = (variant: Variant, connections: number) =>
      median(results.get(key(variant, connections))!.map((x) => x.ordersPerSecond));
    const ratiosOf = (variant: Variant) =>
      Object.fromEntries(
        concurrencies.map((c) => [
          c,
          round(ordersPerSecond(variant, c) / ordersPerSecond('monolith', c)),
        ]),
      ) as Record<number, number>;
    const compared = variants.filter((variant) => variant !== 'monolith');
    const ratios = Object.fromEntries(compared.map((variant) => [variant, ratiosOf(variant)]));
    const rows = concurrencies.flatMap((connections) =>
      variants.map((variant) => {
        const of = results.get(key(variant, connections))!;
        // A percentile of no samples (nothing confirmed) is undefined: shown as NaN.
        const ms = (pick: (result: Measurement) => number) => {
          const value = median(of.map(pick)) as number | undefined;
          return value === undefined || Number.isNaN(value) ? NaN : round(value, 1);
        };
        return {
          concurrency: connections,
          variant,
          'orders/s': Math.round(ordersPerSecond(variant, connections)),
          'HTTP p50 ms': ms((x) => x.http.latencyP50Ms),
          'HTTP p99 ms': ms((x) => x.http.latencyP99Ms),
          'sent → authorised p50 ms': ms((x) => x.toAuthorisedP50Ms),
          'sent → CONFIRMED p50 ms': ms((x) => x.toConfirmedP50Ms),
          'sent → CONFIRMED p99 ms': ms((x) => x.toConfirmedP99Ms),
          'CPU ms/order': ms((x) => x.cpuMsPerOrder),
          'SQS calls/order': ms((x) => x.sqsCallsPerOrder),
          'not confirmed': of.reduce((sum, x) => sum + x.notConfirmed, 0),
          'HTTP non-2xx + errors': of.reduce(
            (sum, x) => sum + x.http.non2xx + x.http.errors + x.http.timeouts,
            0,
          ),
          'orders/s vs monolith': variant === 'monolith' ? '' : ratios[variant]![connections],
        };
      }),
    );
    const standard = variants.join(',') === 'monolith,extracted';
    report(
      standard ? 'cost-growth' : `cost-growth-${variants.join('-')}`,
      standard
        ? 'npm run bench:cost'
        : `BENCH_COST_VARIANTS=${variants.join(',')} npm run bench:cost`,
      rows,
      {
        rounds,
        'seconds per round': seconds,
        'CPU ms/order':
          'user + system CPU of the Seam processes (monolith, payments service) from load start until ' +
          'settled, per order confirmed; PostgreSQL and the SQS server (in the bench process) not counted',
        'SQS calls/order':
          'requests the SQS server received over the same span (every API call, idle long polls included), per order confirmed',
        ...Object.fromEntries(
          compared.map((variant) => [
            `orders/s ${variant} / monolith by concurrency`,
            ratios[variant],
          ]),
        ),
        ...(variants.includes('traced') && {
          'spans exported (traced)': collector.spans().length,
          'spans exported by name': collector.byName(),
        }),
        ...(variants.includes('extracted') && {
          'target orders/s extracted / monolith': '≥ 0.8 at every concurrency',
        }),
        ...(variants.includes('traced') && {
          'target orders/s traced / monolith': '≥ 0.9 (tracing with export costs ≤ 10 %)',
        }),
        'process log lines at warn or above': Object.fromEntries(
          [...notable.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10),
        ),
      },
    );
  } finally {
    await running?.close();
    await new Promise<void>((resolve) => sqs.close(() => resolve()));
    await collector.close();
    await admin.end();
    await postgres.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Flag documents for the two set-ups: the repository's as is, and with payments routed remote. */
function writeFlagFiles(dir: string): { monolith: string; extracted: string } {
  const source = FlagsOptions.documentPath({});
  const monolith = join(dir, 'flags-monolith.json');
  const extracted = join(dir, 'flags-extracted.json');
  copyFileSync(source, monolith);
  const edited = editFlagDocument(FlagDocument.parse(readFileSync(source, 'utf8'), source), {
    kind: 'set',
    flag: 'route-payments',
    assignments: ['enabled=true', 'mode=remote'],
  });
  writeFileSync(extracted, edited.text);
  return { monolith, extracted };
}

/**
 * Median time from request sent to payment authorised (`payments.created_at`): with payments
 * extracted, the part of sent → CONFIRMED that includes the first hop over SQS.
 */
async function toAuthorisedP50Ms(admin: pg.Pool, prefix: string): Promise<number> {
  const { rows } = await admin.query<{ key: string; authorised_at_ms: number }>(
    `SELECT k.key, (extract(epoch FROM p.created_at) * 1000)::float8 AS authorised_at_ms
       FROM ordering.idempotency_keys k JOIN payments.payments p ON p.order_id = k.order_id::text
      WHERE k.key LIKE $1`,
    [`${prefix}.%`],
  );
  const samples = rows.map(
    (row) => row.authorised_at_ms - Number(row.key.slice(prefix.length + 1).split('.')[0]),
  );
  return samples.length > 0 ? percentile(samples, 0.5) : NaN;
}

/**
 * Starts `main.js` on a free port with `env` (LOG_LEVEL=warn, so the URL is known up front rather
 * than read from the info line "Seam is ready") and waits for /health/ready.
 */
async function launch(name: string, env: Record<string, string>): Promise<SeamProcess> {
  const port = await freePort();
  const childEnv: Record<string, string | undefined> = { ...process.env, ...env, PORT: `${port}` };
  if (!env.SEAM_MODULES) delete childEnv.SEAM_MODULES;
  if (env.SEAM_TRANSPORT !== 'sqs') delete childEnv.AWS_ENDPOINT_URL_SQS;
  const child = spawn(process.execPath, ['--import', PRELOAD, MAIN], {
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let tail = '';
  for (const stream of [child.stdout!, child.stderr!]) {
    let partial = '';
    stream.on('data', (chunk: Buffer) => {
      tail = (tail + chunk.toString()).slice(-4000);
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines.filter(Boolean)) {
        const message = notableMessage(line);
        if (message === undefined) continue;
        const counted = `${name}: ${message}`;
        notable.set(counted, (notable.get(counted) ?? 0) + 1);
      }
    });
  }
  const url = `http://127.0.0.1:${port}`;
  const deadline = performance.now() + 60_000;
  for (;;) {
    const response = await fetch(`${url}/health/ready`).catch(() => undefined);
    if (response?.status === 200) return { name, child, url, exited };
    if (child.exitCode !== null || performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} did not become ready:\n${tail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** User + system CPU seconds of a process so far (Linux: /proc/<pid>/stat, 100 ticks a second). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** The message of a log line at warn or above, or of a line that is not a JSON log line. */
function notableMessage(line: string): string | undefined {
  try {
    const entry = JSON.parse(line) as { level?: number; msg?: string; err?: { message?: string } };
    if ((entry.level ?? 0) < 40) return undefined;
    return [entry.msg, entry.err?.message].filter(Boolean).join(' — ').slice(0, 160);
  } catch {
    return line.slice(0, 160);
  }
}

async function stop(seam: SeamProcess): Promise<void> {
  if (seam.child.exitCode !== null || seam.child.signalCode !== null) return;
  seam.child.kill('SIGTERM');
  const killer = setTimeout(() => seam.child.kill('SIGKILL'), 20_000);
  await seam.exited;
  clearTimeout(killer);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

await main();
