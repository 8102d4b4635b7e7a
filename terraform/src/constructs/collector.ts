import { DEFAULT_PRODUCTION_ADMIN_PORT } from '#platform/http';
import type { PolicyStatement } from './iam.js';
import { CONTAINER_PORT } from './load-balancer.js';

/**
 * The AWS Distro for OpenTelemetry collector, pinned: a floating tag would change what runs
 * next to every task without a change here. Bump it deliberately (release notes:
 * https://github.com/aws-observability/aws-otel-collector/releases).
 */
export const COLLECTOR_IMAGE = 'public.ecr.aws/aws-observability/aws-otel-collector:v0.43.3';
/** The name of the sidecar container in every service task. */
export const COLLECTOR_CONTAINER = 'otel-collector';
/** Where the application sends its spans (OTLP/HTTP), inside the task. */
export const COLLECTOR_OTLP_ENDPOINT = 'http://localhost:4318';
/** CPU units the sidecar is guaranteed, and its memory: reserved, and the hard limit. */
export const COLLECTOR_SIZE = { cpu: 64, memoryReservation: 64, memory: 192 } as const;
/** How often the collector scrapes `/metrics`: one CloudWatch data point per series per minute. */
export const SCRAPE_INTERVAL_SECONDS = 60;

/**
 * The application's Prometheus metrics that become CloudWatch metrics (namespace `Seam/<env>`),
 * each with the labels kept as dimensions. Every other label (and every other metric) stays out
 * of CloudWatch, so a task, a pattern or a status code never makes a metric of its own.
 */
export const EXPORTED_METRICS: Readonly<Record<string, readonly string[]>> = {
  seam_orders_total: ['event'],
  seam_saga_duration_seconds: ['workflow'],
  seam_saga_step_errors_total: ['workflow', 'state'],
  seam_outbox_lag_seconds: ['module'],
  seam_outbox_parked_events: ['module'],
  seam_circuit_breaker_state: ['module'],
  seam_remote_calls_total: ['module', 'outcome'],
};

/** What a service's collector is configured from. */
export interface CollectorTarget {
  readonly region: string;
  /** `Seam/<env>`. */
  readonly namespace: string;
  /** The log group the EMF records go to (CloudWatch turns them into metrics). */
  readonly metricsLogGroup: string;
  /** The service's own log group: X-Ray links its traces to these logs. */
  readonly serviceLogGroup: string;
  /** The ECS service name, a label on the scraped series (not a dimension). */
  readonly service: string;
  /** A worker serves `/metrics` on PORT; web on its admin listener. */
  readonly role: 'web' | 'worker';
}

/**
 * The collector's configuration: OTLP/HTTP on localhost in, traces to X-Ray; `/metrics` scraped
 * every minute, `seam_*` series only, to CloudWatch as embedded metric format records with the
 * dimensions of EXPORTED_METRICS and no roll-ups. JSON, which is YAML, so it can travel in
 * `AOT_CONFIG_CONTENT`. It holds no `${`: Terraform would read that as a template.
 *
 * Trace ids: Seam's are W3C (random 128 bits) and it propagates `traceparent` only. The X-Ray
 * exporter writes such an id as `1-<first 8 hex>-<last 24 hex>`, and X-Ray accepts ids whose first
 * part is not a timestamp (since 2023), so neither the X-Ray id generator nor its propagator is
 * needed; X-Ray headers from the ALB are not joined (every Seam hop carries `traceparent`).
 */
export function collectorConfig(target: CollectorTarget): Record<string, unknown> {
  const metricsPort = target.role === 'web' ? DEFAULT_PRODUCTION_ADMIN_PORT : CONTAINER_PORT;
  return {
    extensions: { health_check: { endpoint: '127.0.0.1:13133' } },
    receivers: {
      otlp: { protocols: { http: { endpoint: '127.0.0.1:4318' } } },
      prometheus: {
        config: {
          scrape_configs: [
            {
              job_name: 'seam',
              scrape_interval: `${SCRAPE_INTERVAL_SECONDS}s`,
              scrape_timeout: '10s',
              metrics_path: '/metrics',
              static_configs: [
                {
                  targets: [`127.0.0.1:${metricsPort}`],
                  labels: { service: target.service },
                },
              ],
              // Node's process metrics stay in /metrics; only Seam's reach CloudWatch Logs.
              metric_relabel_configs: [
                { source_labels: ['__name__'], regex: 'seam_.+', action: 'keep' },
              ],
            },
          ],
        },
      },
    },
    processors: {
      memory_limiter: {
        check_interval: '1s',
        limit_mib: Math.floor(COLLECTOR_SIZE.memory * 0.8),
        spike_limit_mib: Math.floor(COLLECTOR_SIZE.memory * 0.2),
      },
      'batch/traces': { timeout: '1s', send_batch_size: 50 },
      'batch/metrics': { timeout: '60s' },
    },
    exporters: {
      awsxray: { region: target.region, aws_log_groups: [target.serviceLogGroup] },
      awsemf: {
        region: target.region,
        namespace: target.namespace,
        log_group_name: target.metricsLogGroup,
        log_stream_name: target.service,
        dimension_rollup_option: 'NoDimensionRollup',
        resource_to_telemetry_conversion: { enabled: false },
        metric_declarations: Object.entries(EXPORTED_METRICS).map(([name, dimensions]) => ({
          dimensions: [dimensions],
          metric_name_selectors: [`^${name}$`],
        })),
      },
    },
    service: {
      extensions: ['health_check'],
      pipelines: {
        traces: {
          receivers: ['otlp'],
          processors: ['memory_limiter', 'batch/traces'],
          exporters: ['awsxray'],
        },
        metrics: {
          receivers: ['prometheus'],
          processors: ['memory_limiter', 'batch/metrics'],
          exporters: ['awsemf'],
        },
      },
    },
  };
}

/**
 * The sidecar's container definition. Not essential: losing telemetry must not stop a task that
 * is answering requests and working through its queue (an essential container's exit stops the
 * whole task, with its in-flight messages and saga tasks); ECS restarts it in place instead, and
 * meanwhile the application's exporter drops spans from its bounded queue. Its health check uses
 * the image's `/healthcheck` against the `health_check` extension. It runs as a non-root user,
 * with a read-only root filesystem and no Linux capabilities.
 */
export function collectorContainer(
  target: CollectorTarget,
  options: {
    /** uid:gid; the image (a static binary on scratch) declares none, so it would run as root. */
    user: string;
    image?: string;
  },
): Record<string, unknown> {
  return {
    name: COLLECTOR_CONTAINER,
    image: options.image ?? COLLECTOR_IMAGE,
    essential: false,
    cpu: COLLECTOR_SIZE.cpu,
    memoryReservation: COLLECTOR_SIZE.memoryReservation,
    memory: COLLECTOR_SIZE.memory,
    user: options.user,
    readonlyRootFilesystem: true,
    privileged: false,
    linuxParameters: { initProcessEnabled: true, capabilities: { drop: ['ALL'] } },
    environment: [{ name: 'AOT_CONFIG_CONTENT', value: JSON.stringify(collectorConfig(target)) }],
    restartPolicy: { enabled: true, restartAttemptPeriod: 60 },
    healthCheck: {
      command: ['CMD', '/healthcheck'],
      interval: 30,
      timeout: 5,
      retries: 3,
      startPeriod: 15,
    },
    logConfiguration: {
      logDriver: 'awslogs',
      options: {
        'awslogs-group': target.serviceLogGroup,
        'awslogs-region': target.region,
        'awslogs-stream-prefix': COLLECTOR_CONTAINER,
      },
    },
  };
}

/** The application container's settings that send its spans to the sidecar. */
export function tracingEnvironment(
  serviceName: string,
  sampleRatio: number,
): Record<string, string> {
  return {
    OTEL_EXPORTER_OTLP_ENDPOINT: COLLECTOR_OTLP_ENDPOINT,
    OTEL_SERVICE_NAME: serviceName,
    // A trace is kept or dropped where it starts; every later hop follows that decision.
    OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
    OTEL_TRACES_SAMPLER_ARG: String(sampleRatio),
  };
}

/**
 * What the collector does in AWS, and nothing more: write trace segments (X-Ray takes no resource
 * ARN) and write EMF records into the metrics log group. No `cloudwatch:PutMetricData`: CloudWatch
 * makes the metrics from the log records. No sampling rules (`xray:GetSampling*`): the
 * application samples. No telemetry records: the exporter's telemetry is off.
 */
export function collectorPermissions(metricsLogGroupArn: string): PolicyStatement[] {
  return [
    { Sid: 'CollectorWritesTraces', Action: ['xray:PutTraceSegments'], Resource: ['*'] },
    {
      Sid: 'CollectorWritesMetricRecords',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
      Resource: [`${metricsLogGroupArn}:*`],
    },
  ];
}
