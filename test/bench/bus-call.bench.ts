/**
 * Benchmark 1: one cross-module call in process, four ways, alternated in one run.
 *   direct      - an awaited method call (the floor)
 *   nest-proxy  - a plain Nest ClientProxy + custom transport in memory: no JSON, no validation
 *   moleculer   - Moleculer's local broker.call with parameter validation
 *   seam-bus    - bus.to(Contract).send(): JSON boundary, receiving-side validation, Nest
 *                 pipes/filters/interceptors, correlation headers, deadline
 * Sequential awaited calls on one core; reports µs per call (p50, p99) and calls/s.
 *
 *   npm run bench:bus
 */
import 'reflect-metadata';
import { Controller, Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  ClientProxy,
  MessagePattern,
  Payload,
  Server,
  type CustomTransportStrategy,
  type ReadPacket,
  type WritePacket,
} from '@nestjs/microservices';
import { IsInt, IsString, Max, Min } from 'class-validator';
import { ServiceBroker } from 'moleculer';
import { firstValueFrom } from 'rxjs';
import {
  defineContract,
  MessagingModule,
  MessagingOptions,
  ModuleBus,
  query,
} from '#platform/messaging';
import { createRootLogger, LoggingModule, MetricsModule } from '#platform/observability';
import { createSeamApplication } from '#platform/runtime';
import { median, percentile, report, round } from './bench-report.js';

class EchoRequest {
  @IsString() text!: string;
  @IsInt() @Min(0) @Max(1_000_000_000) n!: number;
}
class EchoResponse {
  text!: string;
  n!: number;
}
const Echo = defineContract({
  module: 'echo',
  patterns: { 'echo.echo': query(EchoRequest, EchoResponse) },
});

@Injectable()
class EchoService {
  async echo(request: EchoRequest): Promise<EchoResponse> {
    return { text: request.text, n: request.n + 1 };
  }
}

@Controller()
class EchoController {
  constructor(private readonly service: EchoService) {}

  @MessagePattern('echo.echo')
  echo(@Payload() request: EchoRequest): Promise<EchoResponse> {
    return this.service.echo(request);
  }
}

@Module({
  imports: [MessagingModule.forModule('echo')],
  controllers: [EchoController],
  providers: [EchoService],
})
class EchoModule {}

@Module({ imports: [MessagingModule.forModule('caller')], exports: [MessagingModule] })
class CallerModule {}

// ---- plain Nest transport in memory: what Nest itself costs, without Seam's boundary
class MemoryServer extends Server implements CustomTransportStrategy {
  static instance: MemoryServer;
  listen(callback: () => void) {
    MemoryServer.instance = this;
    callback();
  }
  close() {}
  on(): never {
    throw new Error('no events');
  }
  unwrap<T>(): T {
    return this as unknown as T;
  }
  async dispatch(
    packet: ReadPacket & { id: string },
    reply: (packet: WritePacket) => void,
  ): Promise<void> {
    const handler = this.getHandlerByPattern(packet.pattern as string)!;
    this.send(this.transformToObservable(await handler(packet.data)), reply);
  }
}
class MemoryClient extends ClientProxy {
  async connect() {}
  close() {}
  unwrap<T>(): T {
    return this as unknown as T;
  }
  protected publish(packet: ReadPacket, callback: (packet: WritePacket) => void) {
    void MemoryServer.instance.dispatch(this.assignPacketId(packet), callback);
    return () => undefined;
  }
  protected async dispatchEvent<T>(): Promise<T> {
    return undefined as T;
  }
}

async function measure(
  call: (n: number) => Promise<unknown>,
  calls: number,
): Promise<{ p50: number; p99: number; perSecond: number }> {
  const samples = new Float64Array(calls);
  const started = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) {
    const t0 = process.hrtime.bigint();
    await call(i);
    samples[i] = Number(process.hrtime.bigint() - t0) / 1000;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const values = Array.from(samples);
  return {
    p50: percentile(values, 0.5),
    p99: percentile(values, 0.99),
    perSecond: calls / seconds,
  };
}

async function main(): Promise<void> {
  const calls = Number(process.env.BENCH_CALLS ?? 20_000);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 5);

  @Module({
    imports: [
      LoggingModule.forRoot(createRootLogger({ level: 'silent', service: 'bench' })),
      MetricsModule.forRoot(),
      MessagingModule.forRoot(new MessagingOptions(5000)),
      EchoModule,
      CallerModule,
    ],
  })
  class SeamRoot {}
  const seam = await createSeamApplication(SeamRoot, { title: 'bench' });
  const bus = seam.select(CallerModule).get(ModuleBus);

  @Module({ controllers: [EchoController], providers: [EchoService] })
  class NestRoot {}
  const nest = await NestFactory.create(NestRoot, { logger: false });
  nest.connectMicroservice({ strategy: new MemoryServer() });
  await nest.startAllMicroservices();
  await nest.init();
  const nestClient = new MemoryClient();

  const broker = new ServiceBroker({
    logger: false,
    transporter: undefined,
    metrics: false,
    tracing: false,
  });
  broker.createService({
    name: 'echo',
    actions: {
      echo: {
        params: { text: 'string', n: { type: 'number', integer: true, min: 0 } },
        handler: (ctx: { params: EchoRequest }) => ({ text: ctx.params.text, n: ctx.params.n + 1 }),
      },
    },
  });
  await broker.start();

  const service = new EchoService();
  const variants: Record<string, (n: number) => Promise<unknown>> = {
    direct: (n) => service.echo({ text: 'hello', n }),
    'nest-proxy': (n) => firstValueFrom(nestClient.send('echo.echo', { text: 'hello', n })),
    moleculer: (n) => broker.call('echo.echo', { text: 'hello', n }),
    'seam-bus': (n) => bus.to(Echo).send('echo.echo', { text: 'hello', n }),
  };

  // BENCH_ONLY=<variant> runs one variant (for profiling with --cpu-prof).
  const only = process.env.BENCH_ONLY;
  if (only)
    for (const name of Object.keys(variants))
      if (name !== only && name !== 'direct') delete variants[name];
  for (const call of Object.values(variants)) await measure(call, 2000); // warm-up
  const results: Record<string, { p50: number[]; p99: number[]; perSecond: number[] }> = {};
  for (let r = 0; r < rounds; r++) {
    for (const [name, call] of Object.entries(variants)) {
      const { p50, p99, perSecond } = await measure(call, calls);
      const entry = (results[name] ??= { p50: [], p99: [], perSecond: [] });
      entry.p50.push(p50);
      entry.p99.push(p99);
      entry.perSecond.push(perSecond);
    }
  }
  const directP50 = median(results.direct!.p50);
  const busP50 = median(results['seam-bus']!.p50);
  const moleculerRatio = results.moleculer
    ? round(busP50 / median(results.moleculer.p50), 2)
    : null;
  report(
    'bus-call',
    'npm run bench:bus',
    Object.entries(results).map(([variant, r]) => ({
      variant,
      'p50 µs': round(median(r.p50)),
      'p99 µs': round(median(r.p99)),
      'calls/s': Math.round(median(r.perSecond)),
      'p50 vs direct': round(median(r.p50) / directP50, 1),
    })),
    {
      calls,
      rounds,
      'target (seam-bus p50 ≤ 2 × moleculer p50, same run)':
        moleculerRatio === null ? null : moleculerRatio <= 2 ? 'met' : 'missed',
      'seam-bus p50 / nest-proxy p50': results['nest-proxy']
        ? round(busP50 / median(results['nest-proxy'].p50), 2)
        : null,
      // The headline, printed last on its own line: "seam-bus p50 / moleculer p50: <ratio>".
      'seam-bus p50 / moleculer p50': moleculerRatio,
    },
  );
  await broker.stop();
  await nest.close();
  await seam.close();
}

await main();
