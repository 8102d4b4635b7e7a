/**
 * Benchmark 5: start-up time and memory of the monolith process, with PostgreSQL already running
 * (DATABASE_URL), migrations already applied, started as `npm start` and the container image
 * start it (the tracing preload first; tracing off). Time = from spawning `node main.js` to the first
 * 200 from /health/ready; RSS read from /proc after that. Also a one-module service (the
 * payments service, SEAM_MODULES=payments, over local-aws-sqs in this process). Baseline in the
 * same run: a bare Node HTTP server process (the floor for any Node service on this machine).
 *
 *   npm run bench:startup
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createSqsServer } from 'local-aws-sqs';
import { createRootLogger } from '#platform/observability';
import { DatabaseConnection, EmbeddedPostgresServer, SchemaMigrator } from '#platform/persistence';
import { MODULES } from '#monolith/modules';
import { median, report, round } from './bench-report.js';

/** How `npm start` and the container image run the monolith. */
const SEAM = [
  '--import',
  './dist/libs/platform/observability/src/tracing-preload.js',
  'dist/apps/monolith/src/main.js',
];

const BARE_SERVER = `require('node:http').createServer((q, s) => s.end('ok')).listen(0, '127.0.0.1', function () {
  console.log(JSON.stringify({ url: 'http://127.0.0.1:' + this.address().port, msg: 'Seam is ready' }));
});`;

function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'))!;
  return Number(line.replace(/\D+/g, '')) / 1024;
}

/** CPU the process used so far (user + system), from /proc: steadier than wall time on a busy machine. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in 1/100 s
}

async function startOnce(
  args: string[],
  env: Record<string, string>,
  readyPath: string,
): Promise<{ ms: number; rss: number; cpu: number }> {
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    for (;;) {
      const url = /"url":"(http:\/\/[^"]+)"[^\n]*"msg":"Seam is ready"/
        .exec(output)?.[1]
        ?.replace('[::1]', '127.0.0.1');
      if (url) {
        const response = await fetch(`${url}${readyPath}`).catch(() => undefined);
        if (response?.status === 200)
          return {
            ms: performance.now() - started,
            rss: rssMiB(child.pid!),
            cpu: cpuMs(child.pid!),
          };
      }
      if (child.exitCode !== null) throw new Error(`exited before ready:\n${output}`);
      if (performance.now() - started > 30_000) throw new Error(`not ready after 30 s:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

async function main(): Promise<void> {
  const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
  const logger = createRootLogger({ level: 'warn', service: 'bench' });
  const dataDir = await mkdtemp(join(tmpdir(), 'seam-bench-'));
  const postgres = await EmbeddedPostgresServer.start({ dataDir, logger, throwaway: true });
  const sqs = await createSqsServer({
    port: 0,
    hostname: '127.0.0.1',
    emulateQueueCreationLifecycle: false,
  });
  try {
    await new SchemaMigrator(new DatabaseConnection(postgres.adminUrl), logger).migrate(
      MODULES.map((hosted) => hosted.schema),
    );
    const monolithEnv = {
      DATABASE_URL: postgres.adminUrl.href,
      PORT: '0',
      LOG_LEVEL: 'info',
      SEAM_AUTH_DEV_SECRET: 'bench-signing-key-0123456789abcdef0123',
    };
    const serviceEnv = {
      ...monolithEnv,
      SEAM_MODULES: 'payments',
      SEAM_TRANSPORT: 'sqs',
      AWS_ENDPOINT_URL_SQS: `http://127.0.0.1:${(sqs.address() as AddressInfo).port}`,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'bench',
      AWS_SECRET_ACCESS_KEY: 'bench',
    };
    const samples: Record<string, { ms: number[]; rss: number[]; cpu: number[] }> = {
      'bare node http': { ms: [], rss: [], cpu: [] },
      monolith: { ms: [], rss: [], cpu: [] },
      'payments service': { ms: [], rss: [], cpu: [] },
    };
    const record = (name: string, sample: { ms: number; rss: number; cpu: number }) => {
      samples[name]!.ms.push(sample.ms);
      samples[name]!.rss.push(sample.rss);
      samples[name]!.cpu.push(sample.cpu);
    };
    for (let r = 0; r < rounds; r++) {
      record('bare node http', await startOnce(['-e', BARE_SERVER], {}, '/'));
      record('monolith', await startOnce(SEAM, monolithEnv, '/health/ready'));
      record('payments service', await startOnce(SEAM, serviceEnv, '/health/ready'));
    }
    const serviceMs = median(samples['payments service']!.ms);
    const serviceRss = median(samples['payments service']!.rss);
    const ms = median(samples.monolith!.ms);
    const rss = median(samples.monolith!.rss);
    report(
      'startup',
      'npm run bench:startup',
      Object.entries(samples).map(([process, s]) => ({
        process,
        'start → ready ms': Math.round(median(s.ms)),
        'CPU ms to ready': Math.round(median(s.cpu)),
        'RSS MiB': round(median(s.rss), 1),
      })),
      {
        rounds,
        modules: MODULES.length,
        'target monolith ≤ 1.5 s': ms <= 1500 ? 'met' : `missed: ${Math.round(ms)} ms`,
        'target monolith RSS ≤ 200 MB':
          rss * 1.048576 <= 200 ? 'met' : `missed: ${round(rss * 1.048576, 1)} MB`,
        'target one-module service ≤ 1 s':
          serviceMs <= 1000 ? 'met' : `missed: ${Math.round(serviceMs)} ms`,
        'target one-module service RSS ≤ 150 MB':
          serviceRss * 1.048576 <= 150 ? 'met' : `missed: ${round(serviceRss * 1.048576, 1)} MB`,
      },
    );
  } finally {
    await new Promise<void>((resolve) => sqs.close(() => resolve()));
    await postgres.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
