/**
 * Loaded before the application (`node --import ./dist/libs/platform/observability/src/tracing-preload.js
 * dist/apps/monolith/src/main.js`, as `npm start` and the Dockerfile do) so that the official
 * instrumentations hook http, express, pg and the AWS SDK before those modules load. Does nothing
 * while tracing is off (the default) or when the host registered its own TracerProvider first.
 */
import { register } from 'node:module';
import { Tracing, TracingOptions } from './tracing.js';

const options = TracingOptions.fromEnv();
if (options.mode !== 'off' && (await Tracing.start(options)) === 'seam') {
  // Loaded only when tracing is on: while it is off this preload costs a few milliseconds.
  const [{ AwsInstrumentation }, express, { HttpInstrumentation }, { PgInstrumentation }] =
    await Promise.all([
      import('@opentelemetry/instrumentation-aws-sdk'),
      import('@opentelemetry/instrumentation-express'),
      import('@opentelemetry/instrumentation-http'),
      import('@opentelemetry/instrumentation-pg'),
    ]);
  // ESM imports are hooked by import-in-the-middle, CommonJS requires by require-in-the-middle.
  register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);
  // Constructed instrumentations enable themselves and trace through the global provider.
  new HttpInstrumentation({ ignoreIncomingRequestHook: (request) => isProbe(request.url) });
  // It names the HTTP span by its route; a span per middleware or handler layer is noise (the
  // handler's work has Seam's own span).
  new express.ExpressInstrumentation({
    ignoreLayersType: [
      express.ExpressLayerType.MIDDLEWARE,
      express.ExpressLayerType.REQUEST_HANDLER,
    ],
  });
  // A span per statement, none for taking a pooled connection (most of the spans, no news).
  new PgInstrumentation({ requireParentSpan: true, ignoreConnectSpans: true });
  new AwsInstrumentation({ suppressInternalInstrumentation: true });
}

/** Health checks and metric scrapes would be most of the spans; they tell nothing. */
function isProbe(url: string | undefined): boolean {
  return url?.startsWith('/health') === true || url?.startsWith('/metrics') === true;
}
