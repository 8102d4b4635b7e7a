import { describe, expect, it } from '@jest/globals';
import type { ClientProxy } from '@nestjs/microservices';
import { MODULES } from '#monolith/modules';
import { BreakerOptions } from '#platform/messaging';
import { OutboxBacklogGauges } from '../../libs/platform/messaging/src/outbox/outbox-relay.js';
import { RemoteCalls } from '../../libs/platform/messaging/src/routing/remote-calls.js';
import { Metrics } from '#platform/observability';
import { TracingOptions } from '../../libs/platform/observability/src/tracing.js';
import { workflowsOf } from '#platform/runtime';
import { WorkflowMetrics } from '../../libs/platform/workflows/src/workflow-metrics.js';
import {
  COLLECTOR_CONTAINER,
  COLLECTOR_IMAGE,
  EXPORTED_METRICS,
} from '../src/constructs/collector.js';
import { synthesize, topology, type Json, type PolicyDocument } from './synthesized.js';

const modules = MODULES.map((entry) => entry.name);
const workflows = workflowsOf(MODULES).map((workflow) => workflow.name);
const SERVICES = ['monolith-web', 'monolith-worker', 'payments'];

interface Container {
  name: string;
  image: string;
  essential: boolean;
  cpu?: number;
  memory?: number;
  memoryReservation?: number;
  environment: { name: string; value: string }[];
  healthCheck?: { command: string[] };
  dependsOn?: { containerName: string; condition: string }[];
  logConfiguration: { logDriver: string; options: Record<string, string> };
}

function containersOf(task: Record<string, Json>): Container[] {
  return JSON.parse(task.container_definitions as string) as Container[];
}

function envOf(container: Container): Record<string, string> {
  return Object.fromEntries(container.environment.map(({ name, value }) => [name, value]));
}

/** The collector configuration a task's sidecar starts with. */
function configOf(collector: Container): Json {
  return JSON.parse(envOf(collector).AOT_CONFIG_CONTENT!);
}

describe('the OpenTelemetry collector sidecar', () => {
  const { main } = synthesize();
  const tasks = main.list('aws_ecs_task_definition');
  const taskOf = (service: string) => tasks.find((task) => task.family === `seam-test-${service}`)!;

  it('runs next to the application in every service task, and not in the one-off migrate task', () => {
    expect(tasks.map((task) => task.family).sort()).toEqual(
      ['migrate', ...SERVICES].map((service) => `seam-test-${service}`).sort(),
    );
    for (const service of SERVICES) {
      const [app, collector, ...others] = containersOf(taskOf(service));
      expect(others).toEqual([]);
      expect(app!.name).toBe('seam');
      expect(app!.essential).toBe(true);
      expect(app!.dependsOn).toEqual([{ containerName: COLLECTOR_CONTAINER, condition: 'START' }]);
      expect(collector).toMatchObject({
        name: COLLECTOR_CONTAINER,
        image: COLLECTOR_IMAGE,
        // Telemetry going down must not stop a task serving requests and draining its queue.
        essential: false,
        healthCheck: { command: ['CMD', '/healthcheck'] },
        logConfiguration: {
          logDriver: 'awslogs',
          options: {
            'awslogs-group': `/seam/test/${service}`,
            'awslogs-stream-prefix': COLLECTOR_CONTAINER,
          },
        },
      });
    }
    expect(containersOf(taskOf('migrate')).map((container) => container.name)).toEqual(['seam']);
  });

  it('is a pinned image that takes a small, bounded share of the task', () => {
    expect(COLLECTOR_IMAGE).toMatch(
      /^public\.ecr\.aws\/aws-observability\/aws-otel-collector:v\d+\.\d+\.\d+$/,
    );
    for (const service of SERVICES) {
      const task = taskOf(service);
      const collector = containersOf(task).find((c) => c.name === COLLECTOR_CONTAINER)!;
      expect(collector.cpu).toBeLessThanOrEqual(Number(task.cpu) / 4);
      expect(collector.memoryReservation).toBeLessThanOrEqual(collector.memory!);
      expect(collector.memory).toBeLessThanOrEqual(Number(task.memory) / 2);
    }
  });

  it('sends the application’s spans to the sidecar: the code’s own parser turns OTLP tracing on', () => {
    for (const service of SERVICES) {
      const env = envOf(containersOf(taskOf(service))[0]!);
      expect(env).toMatchObject({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://localhost:4318',
        OTEL_SERVICE_NAME: `seam-test-${service}`,
        OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
        OTEL_TRACES_SAMPLER_ARG: '1',
      });
      const tracing = TracingOptions.fromEnv(env);
      expect(tracing.mode).toBe('otlp');
      expect(tracing.service).toBe(`seam-test-${service}`);
    }
  });

  it('receives OTLP on localhost only, traces to X-Ray and scrapes /metrics where each role serves it', () => {
    for (const service of SERVICES) {
      const collector = containersOf(taskOf(service)).find((c) => c.name === COLLECTOR_CONTAINER)!;
      expect(envOf(collector).AOT_CONFIG_CONTENT).not.toMatch(/[$%]\{/);
      const config = configOf(collector);
      expect(config.receivers.otlp).toEqual({
        protocols: { http: { endpoint: '127.0.0.1:4318' } },
      });
      expect(config.exporters.awsxray).toEqual({
        region: 'eu-west-1',
        aws_log_groups: [`/seam/test/${service}`],
      });
      const [scrape] = config.receivers.prometheus.config.scrape_configs;
      // Web serves /metrics on its admin listener (NODE_ENV=production); a worker on PORT.
      expect(scrape.static_configs[0].targets).toEqual([
        service === 'monolith-web' ? '127.0.0.1:9090' : '127.0.0.1:3000',
      ]);
      expect(scrape.metrics_path).toBe('/metrics');
      expect(scrape.metric_relabel_configs).toEqual([
        { source_labels: ['__name__'], regex: 'seam_.+', action: 'keep' },
      ]);
      expect(config.service.pipelines).toEqual({
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
      });
      expect(config.service.extensions).toEqual(['health_check']);
    }
  });

  it('makes CloudWatch metrics in Seam/<env> of the listed metrics only, with their few dimensions', () => {
    const collector = containersOf(taskOf('monolith-worker')).find(
      (c) => c.name === COLLECTOR_CONTAINER,
    )!;
    const emf = configOf(collector).exporters.awsemf;
    expect(emf).toMatchObject({
      namespace: 'Seam/test',
      log_group_name: '/seam/test/metrics',
      dimension_rollup_option: 'NoDimensionRollup',
      resource_to_telemetry_conversion: { enabled: false },
    });
    expect(emf.metric_declarations).toEqual(
      Object.entries(EXPORTED_METRICS).map(([name, dimensions]) => ({
        dimensions: [dimensions],
        metric_name_selectors: [`^${name}$`],
      })),
    );
    // Low cardinality: no per-task, per-pattern, per-status or per-order dimension.
    for (const dimensions of Object.values(EXPORTED_METRICS)) {
      expect(dimensions.length).toBeLessThanOrEqual(2);
      for (const dimension of dimensions)
        expect(['event', 'workflow', 'state', 'module', 'outcome']).toContain(dimension);
    }
    expect(main.one('aws_cloudwatch_log_group', (g) => g.name === '/seam/test/metrics')).toEqual({
      name: '/seam/test/metrics',
      retention_in_days: 7,
    });
  });
});

describe('the exported metrics', () => {
  it('are metrics the platform registers, with the exported dimensions among their labels', async () => {
    const metrics = new Metrics();
    new WorkflowMetrics(metrics).stepFailed('w', 's');
    new OutboxBacklogGauges(metrics, 'm').set({ lagSeconds: 0, parked: 0 });
    new RemoteCalls({} as ClientProxy, BreakerOptions.fromEnv({}), metrics, console);
    const text = await metrics.render();
    const platform = Object.keys(EXPORTED_METRICS).filter((name) => name !== 'seam_orders_total');
    // The label names each metric was registered with (Metrics keeps them to refuse conflicts).
    const registered = metrics as unknown as {
      registrations: Map<string, { labelNames: string[] }>;
    };
    for (const name of platform) {
      expect(text).toContain(`# TYPE ${name} `);
      expect(registered.registrations.get(name)!.labelNames).toEqual(
        expect.arrayContaining([...EXPORTED_METRICS[name]!]),
      );
    }
    // seam_orders_total{event} is ordering's (test/e2e/order-fulfilment.e2e.spec.ts reads it).
    expect(EXPORTED_METRICS.seam_orders_total).toEqual(['event']);
  });
});

describe('the collector’s permissions', () => {
  const { main } = synthesize();
  const metricsGroup = main.reference(
    'aws_cloudwatch_log_group',
    'arn',
    (g) => g.name === '/seam/test/metrics',
  );
  const touchesTelemetry = (action: string) =>
    /^(xray|cloudwatch|logs):/.test(action) || action.startsWith('ssm:');

  it('are exactly: put trace segments, and write log streams of the metrics log group', () => {
    for (const service of SERVICES) {
      const statements = main
        .taskPolicy(service)
        .Statement.filter((statement) => statement.Action.some(touchesTelemetry));
      expect(statements).toEqual([
        {
          Sid: 'CollectorWritesTraces',
          Effect: 'Allow',
          Action: ['xray:PutTraceSegments'],
          Resource: ['*'],
        },
        {
          Sid: 'CollectorWritesMetricRecords',
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
          Resource: [`${metricsGroup}:*`],
        },
      ]);
    }
  });

  it('grant no metric API, sampling rules, log group creation or configuration reads', () => {
    const actions = SERVICES.flatMap((service) =>
      main.taskPolicy(service).Statement.flatMap((statement) => statement.Action),
    );
    for (const action of [
      'cloudwatch:PutMetricData',
      'xray:GetSamplingRules',
      'xray:GetSamplingTargets',
      'xray:PutTelemetryRecords',
      'logs:CreateLogGroup',
      'ssm:GetParameters',
    ])
      expect(actions).not.toContain(action);
  });

  it('are not given to the migrate task, nor to App Runner’s web role (no sidecar there)', () => {
    const migrate = main.one('aws_iam_role', (r) => r.name === 'seam-test-migrate');
    expect(migrate).toBeDefined();
    const migratePolicy = main
      .list('aws_iam_role_policy')
      .filter((p) => p.name === 'read-module-logins')
      .map((p) => JSON.parse(p.policy as string) as PolicyDocument);
    expect(migratePolicy.flatMap((p) => p.Statement.flatMap((s) => s.Action))).toEqual([
      'secretsmanager:GetSecretValue',
    ]);
    const apprunner = synthesize({
      topology: topology((t) => {
        t.frontDoor = { kind: 'apprunner' };
        t.storefront = { enabled: false };
      }),
    }).main;
    const actions = apprunner
      .taskPolicy('monolith-web')
      .Statement.flatMap((statement) => statement.Action);
    expect(actions.filter(touchesTelemetry)).toEqual([]);
    expect(apprunner.taskPolicy('monolith-worker').Statement.map((s) => s.Sid)).toContain(
      'CollectorWritesTraces',
    );
  });
});

describe('the dashboard and the new alarms', () => {
  const { main } = synthesize();
  const dashboard = main.one('aws_cloudwatch_dashboard', () => true);
  const widgets = (
    JSON.parse(dashboard.dashboard_body as string) as {
      widgets: { properties: { title: string; metrics: Json[][]; stat: string } }[];
    }
  ).widgets;
  const widget = (title: RegExp) => {
    const found = widgets.filter((w) => title.test(w.properties.title));
    expect(found).toHaveLength(1);
    return found[0]!.properties;
  };
  /** [namespace, metric, dimension, value] of each plain metric line. */
  const series = (metrics: Json[][]) =>
    metrics.filter((line) => typeof line[0] === 'string').map((line) => line.slice(0, 4));

  it('is one per environment, named after it, with a graph for each question', () => {
    expect(dashboard.dashboard_name).toBe('seam-test');
    expect(widgets.map((w) => w.properties.title)).toEqual([
      'Orders per minute',
      'Saga duration p50 / p99 (Step Functions, ms)',
      'Saga step errors per minute',
      'Queue age: oldest message (s)',
      'Dead letters waiting (DLQ depth)',
      'Outbox lag: oldest undelivered event (s)',
      'Parked outbox events',
      'Circuit breakers per route (0 closed, 1 half-open, 2 open)',
      '5xx answers per minute (ALB)',
    ]);
    expect(dashboard.dashboard_body).not.toMatch(/%\{/);
  });

  it('counts orders placed, confirmed and rejected per minute', () => {
    const orders = widget(/^Orders/);
    expect(orders.stat).toBe('Sum');
    expect(series(orders.metrics)).toEqual(
      ['placed', 'confirmed', 'rejected', 'cancelled'].map((event) => [
        'Seam/test',
        'seam_orders_total',
        'event',
        event,
      ]),
    );
  });

  it('shows each saga’s p50 and p99 duration and its step errors', () => {
    const duration = widget(/^Saga duration/);
    const arn = (w: string) => `arn:aws:states:eu-west-1:123456789012:stateMachine:seam-test-${w}`;
    expect(duration.metrics).toEqual(
      workflows.flatMap((w) => [
        ['AWS/States', 'ExecutionTime', 'StateMachineArn', arn(w), { label: `${w} p50` }],
        [
          'AWS/States',
          'ExecutionTime',
          'StateMachineArn',
          arn(w),
          { label: `${w} p99`, stat: 'p99' },
        ],
      ]),
    );
    expect(duration.stat).toBe('p50');
    const errors = widget(/^Saga step errors/);
    expect(errors.metrics[0]).toEqual([
      {
        expression: `SEARCH('{Seam/test,workflow,state} MetricName="seam_saga_step_errors_total"', 'Sum', 60)`,
        id: 'e1',
      },
    ]);
    expect(series(errors.metrics)).toContainEqual([
      'AWS/States',
      'ExecutionsFailed',
      'StateMachineArn',
      arn(workflows[0]!),
    ]);
    // Every state machine the dashboard names exists in the stack.
    const machines = main.list('aws_sfn_state_machine').map((m) => m.name);
    expect(machines.sort()).toEqual(workflows.map((w) => `seam-test-${w}`).sort());
  });

  it('watches every module’s queue age, DLQ depth, outbox lag and parked events', () => {
    expect(series(widget(/^Queue age/).metrics)).toEqual(
      modules.map((m) => [
        'AWS/SQS',
        'ApproximateAgeOfOldestMessage',
        'QueueName',
        `seam-test-${m}`,
      ]),
    );
    expect(series(widget(/^Dead letters/).metrics)).toEqual(
      modules.map((m) => [
        'AWS/SQS',
        'ApproximateNumberOfMessagesVisible',
        'QueueName',
        `seam-test-${m}-dlq`,
      ]),
    );
    expect(series(widget(/^Outbox lag/).metrics)).toEqual(
      modules.map((m) => ['Seam/test', 'seam_outbox_lag_seconds', 'module', m]),
    );
    expect(series(widget(/^Parked outbox/).metrics)).toEqual(
      modules.map((m) => ['Seam/test', 'seam_outbox_parked_events', 'module', m]),
    );
    for (const m of modules) {
      expect(main.list('aws_sqs_queue').map((q) => q.name)).toContain(`seam-test-${m}`);
      expect(main.list('aws_sqs_queue').map((q) => q.name)).toContain(`seam-test-${m}-dlq`);
    }
  });

  it('shows breaker state per route and the ALB’s 5xx; without an ALB, no 5xx graph', () => {
    expect(widget(/^Circuit breakers/).metrics[0]).toEqual([
      {
        expression: `SEARCH('{Seam/test,module} MetricName="seam_circuit_breaker_state"', 'Maximum', 60)`,
        id: 'e1',
      },
    ]);
    const lb = main.reference('aws_lb', 'arn_suffix', () => true);
    expect(series(widget(/^5xx/).metrics)).toEqual([
      ['AWS/ApplicationELB', 'HTTPCode_Target_5XX_Count', 'LoadBalancer', lb],
      ['AWS/ApplicationELB', 'HTTPCode_ELB_5XX_Count', 'LoadBalancer', lb],
    ]);
    const apprunner = synthesize({
      topology: topology((t) => {
        t.frontDoor = { kind: 'apprunner' };
        t.storefront = { enabled: false };
      }),
    }).main;
    const body = apprunner.one('aws_cloudwatch_dashboard', () => true).dashboard_body as string;
    expect(body).not.toContain('5xx');
  });

  it('alarm to the alarms topic when a module queue’s oldest message or outbox event is too old', () => {
    const topic = main.reference('aws_sns_topic', 'arn', (t) => t.name === 'seam-test-alarms');
    const alarm = (name: string) =>
      main.one('aws_cloudwatch_metric_alarm', (a) => a.alarm_name === name);
    for (const m of modules) {
      expect(alarm(`seam-test-${m}-queue-age`)).toMatchObject({
        namespace: 'AWS/SQS',
        metric_name: 'ApproximateAgeOfOldestMessage',
        dimensions: {
          QueueName: main.reference('aws_sqs_queue', 'name', (q) => q.name === `seam-test-${m}`),
        },
        statistic: 'Maximum',
        threshold: 300,
        comparison_operator: 'GreaterThanThreshold',
        alarm_actions: [topic],
        ok_actions: [topic],
      });
      expect(alarm(`seam-test-${m}-outbox-lag`)).toMatchObject({
        namespace: 'Seam/test',
        metric_name: 'seam_outbox_lag_seconds',
        dimensions: { module: m },
        statistic: 'Maximum',
        threshold: 60,
        comparison_operator: 'GreaterThanThreshold',
        treat_missing_data: 'notBreaching',
        alarm_actions: [topic],
        ok_actions: [topic],
      });
    }
  });

  it('take their thresholds and the trace sample ratio from the topology, within bounds', () => {
    const tuned = synthesize({
      topology: topology((t) => {
        t.observability.queueAgeAlarmSeconds = 120;
        t.observability.outboxLagAlarmSeconds = 30;
        t.observability.traceSampleRatio = 0.25;
      }),
    }).main;
    const alarm = (name: string) =>
      tuned.one('aws_cloudwatch_metric_alarm', (a) => a.alarm_name === name);
    expect(alarm('seam-test-ordering-queue-age').threshold).toBe(120);
    expect(alarm('seam-test-ordering-outbox-lag').threshold).toBe(30);
    const web = tuned
      .list('aws_ecs_task_definition')
      .find((task) => task.family === 'seam-test-monolith-web')!;
    expect(envOf(containersOf(web)[0]!).OTEL_TRACES_SAMPLER_ARG).toBe('0.25');
    expect(() =>
      topology((t) => {
        t.observability.traceSampleRatio = 2;
      }),
    ).toThrow(/observability\.traceSampleRatio: expected a number from 0 to 1/);
    expect(() =>
      topology((t) => {
        t.observability.outboxLagAlarmSeconds = 1;
      }),
    ).toThrow(/observability\.outboxLagAlarmSeconds/);
  });
});
