import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger as NestPinoLogger } from 'nestjs-pino';
import {
  correlationMiddleware,
  ExceptionBoundaryFilter,
  HttpOptions,
  httpMetricsMiddleware,
  jsonBodyOptions,
  setupFrontDoor,
  serveConsole,
  serveStorefront,
  setupOpenApi,
  type ListenerLayout,
  type StorefrontConfig,
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
  /** Trust proxy hops, admin listener, CORS; local defaults when absent. */
  readonly http?: HttpOptions;
  /** The built storefront to serve at `/` (see serveStorefront); nothing when absent or not built. */
  readonly storefrontDir?: string;
  /** The storefront's `/config.json` (how it signs in); nobody signs in when absent. */
  readonly storefrontConfig?: StorefrontConfig;
  /** The built operator console to serve at `/console/` (see serveConsole). */
  readonly consoleDir?: string;
}

const layouts = new WeakMap<INestApplication, { layout: ListenerLayout; http: HttpOptions }>();

/**
 * Builds a Seam application the same way everywhere (entry points and tests): JSON logs,
 * correlation ids, one validation pipe and one error boundary for HTTP and messages, the
 * in-process transport (and the SQS transport when configured), OpenAPI at /docs, the front
 * door's hardening (security headers, CORS, trust proxy). The caller decides when to listen
 * (`listenSeamApplication`) and when to close.
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
  await Tracing.start();
  const app = await NestFactory.create<NestExpressApplication>(root, {
    bufferLogs: true,
    // Let start-up errors reach the caller, which stops what already started (e.g. PostgreSQL).
    abortOnError: false,
    // JSON only, with a size and a depth limit (no urlencoded parser: no endpoint takes forms).
    bodyParser: false,
  });
  const http = options.http ?? HttpOptions.defaults();
  layouts.set(app, { layout: setupFrontDoor(app, http), http });
  if (options.consoleDir) serveConsole(app, options.consoleDir);
  if (options.storefrontDir) serveStorefront(app, options.storefrontDir, options.storefrontConfig);
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

export interface SeamListeners {
  /** The public API's URL; absent when the process serves no API (a worker). */
  readonly url?: string;
  /** The admin listener's URL (health, metrics, docs), when there is one. */
  readonly adminUrl?: string;
}

/**
 * Starts the listeners: the public API on `port` (unless `serveApi` is false) and, when
 * HttpOptions has an admin port, the admin listener (health, metrics, docs) on it. A process
 * that serves no API (a worker) has one listener on `port`, serving what an admin listener does. Closing the application closes both.
 *
 * @example
 * const { url, adminUrl } = await listenSeamApplication(app, { port: 3000 });
 */
export async function listenSeamApplication(
  app: INestApplication,
  options: { port: number; host?: string; serveApi?: boolean },
): Promise<SeamListeners> {
  const { layout, http } = layouts.get(app) ?? {};
  if (!layout || !http) throw new Error('listenSeamApplication needs a createSeamApplication app');
  if (options.serveApi === false) {
    layout.adminOnly = true;
    // A worker is behind no load balancer: PORT is internal, and the container health check
    // keeps working where it is.
    await listenOn(app, options.port, options.host);
    return { adminUrl: await urlOf(app) };
  }
  layout.separateAdmin = http.adminPort !== undefined;
  await listenOn(app, options.port, options.host);
  const url = await urlOf(app);
  if (http.adminPort === undefined) return { url };

  const admin = createServer(app.getHttpAdapter().getInstance());
  await new Promise<void>((resolve, reject) => {
    admin.once('error', reject);
    admin.listen(http.adminPort, options.host, resolve);
  });
  const adminPort = (admin.address() as AddressInfo).port;
  layout.adminPort = adminPort;
  (app.getHttpServer() as Server).once('close', () => {
    admin.close();
    admin.closeAllConnections();
  });
  return { url, adminUrl: url.replace(/:\d+$/, `:${adminPort}`) };
}

function listenOn(app: INestApplication, port: number, host: string | undefined) {
  return host === undefined ? app.listen(port) : app.listen(port, host);
}

async function urlOf(app: INestApplication): Promise<string> {
  return (await app.getUrl()).replace('[::1]', '127.0.0.1');
}
