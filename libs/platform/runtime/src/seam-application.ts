import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger as NestPinoLogger } from 'nestjs-pino';
import {
  correlationMiddleware,
  ExceptionBoundaryFilter,
  httpMetricsMiddleware,
  jsonBodyOptions,
  setupOpenApi,
} from '#platform/http';
import {
  createValidationPipe,
  InProcessChannel,
  InProcessTransportServer,
  TransportServers,
} from '#platform/messaging';
import { Metrics, Tracing } from '#platform/observability';

export interface SeamApplicationOptions {
  /** Shown as the OpenAPI document's title. */
  readonly title: string;
}

/**
 * Builds a Seam application the same way everywhere (entry points and tests): JSON logs,
 * correlation ids, one validation pipe and one error boundary for HTTP and messages, the
 * in-process transport (and the SQS transport when configured), OpenAPI at /docs. The caller decides when to listen and when to close.
 *
 * @example
 * const app = await createSeamApplication(MonolithModule.register(options), { title: 'Seam' });
 * await app.listen(3000);
 */
export async function createSeamApplication(
  root: Type | DynamicModule,
  options: SeamApplicationOptions,
): Promise<INestApplication> {
  // Usually started already by the tracing preload; here for hosts that embed Seam without it.
  Tracing.start();
  const app = await NestFactory.create<NestExpressApplication>(root, {
    bufferLogs: true,
    // Let start-up errors reach the caller, which stops what already started (e.g. PostgreSQL).
    abortOnError: false,
    // JSON only, with a size and a depth limit (no urlencoded parser: no endpoint takes forms).
    bodyParser: false,
  });
  app.useBodyParser('json', jsonBodyOptions());
  app.useLogger(app.get(NestPinoLogger));
  app.use(correlationMiddleware);
  app.use(httpMetricsMiddleware(app.get(Metrics)));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ExceptionBoundaryFilter());
  app.connectMicroservice(
    { strategy: new InProcessTransportServer(app.get(InProcessChannel)) },
    { inheritAppConfig: true },
  );
  const sqs = app.get(TransportServers).sqs;
  if (sqs) app.connectMicroservice({ strategy: sqs }, { inheritAppConfig: true });
  setupOpenApi(app, options.title);
  await app.startAllMicroservices();
  await app.init();
  return app;
}
