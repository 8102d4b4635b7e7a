import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the sink keeps of each exported span. */
export interface ExportedSpan {
  /** The span's name, ids replaced by `:id` and cut to 60 characters. */
  readonly name: string;
  /** The instrumentation scope that made it: `seam`, `@opentelemetry/instrumentation-pg`, … */
  readonly scope: string;
  readonly service: string;
}

export interface OtlpSpanSink {
  /** The endpoint for OTEL_EXPORTER_OTLP_ENDPOINT. */
  readonly url: string;
  spans(): readonly ExportedSpan[];
  /** The 25 most frequent span names with their counts. */
  byName(): Record<string, number>;
  close(): Promise<void>;
}

interface OtlpExport {
  resourceSpans?: {
    resource?: { attributes?: { key?: string; value?: { stringValue?: string } }[] };
    scopeSpans?: { scope?: { name?: string }; spans?: { name?: string }[] }[];
  }[];
}

/**
 * A stand-in for an OpenTelemetry collector: accepts OTLP/HTTP trace exports (JSON, as the
 * exporter sends by default) on loopback and keeps what each span is, so a traced process pays
 * for building, serialising and sending every span, as it would with a real collector.
 *
 * @example
 * const sink = await startOtlpSpanSink();
 * // start a process with SEAM_TRACING=otlp, OTEL_EXPORTER_OTLP_ENDPOINT=sink.url, then:
 * sink.spans().filter((span) => span.scope === 'seam');
 */
export async function startOtlpSpanSink(): Promise<OtlpSpanSink> {
  const spans: ExportedSpan[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString()) as OtlpExport;
        for (const resource of body.resourceSpans ?? []) {
          const service =
            resource.resource?.attributes?.find((a) => a.key === 'service.name')?.value
              ?.stringValue ?? '?';
          for (const scope of resource.scopeSpans ?? [])
            for (const span of scope.spans ?? [])
              spans.push({
                // Ids in names (e.g. a route) would make each span its own entry: kept short.
                name: (span.name ?? '?').replace(/[0-9a-f-]{36}/g, ':id').slice(0, 60),
                scope: scope.scope?.name ?? '?',
                service,
              });
        }
      } catch {
        // Not JSON (e.g. protobuf from another exporter setting): accepted, not kept.
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    spans: () => spans,
    byName: () => {
      const names = new Map<string, number>();
      for (const { name } of spans) names.set(name, (names.get(name) ?? 0) + 1);
      return Object.fromEntries([...names.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
