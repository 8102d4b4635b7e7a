import type { QueueNames } from '#platform/messaging';

/** What an environment's dashboard shows. */
export interface DashboardInputs {
  readonly region: string;
  /** `Seam/<env>`: the application's metrics (through the collector) and the breaker log metric. */
  readonly namespace: string;
  readonly modules: readonly string[];
  readonly queueNames: QueueNames;
  /** State machine ARNs by workflow name: Step Functions reports saga durations and failures. */
  readonly stateMachines: Readonly<Record<string, string>>;
  /** The ALB's `arn_suffix` (its CloudWatch dimension), when there is an ALB. */
  readonly loadBalancer?: string;
  /** The metric a breaker-open log line counts. */
  readonly breakerOpenedMetric: string;
}

type MetricLine = (string | Record<string, unknown>)[];

interface Widget {
  readonly type: 'metric';
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly properties: Record<string, unknown>;
}

const WIDTH = 12;
const HEIGHT = 6;

/**
 * The body of an environment's CloudWatch dashboard: one graph per question an operator asks
 * first, two per row. Series whose dimension values are known here (modules, queues, state
 * machines) are listed; those the code names at run time (saga states, breaker modules) are
 * found with SEARCH. Percentiles come from Step Functions' own ExecutionTime: EMF records of a
 * Prometheus histogram carry only count, sum, min and max.
 */
export function dashboardBody(inputs: DashboardInputs): string {
  const { namespace, modules, queueNames, stateMachines } = inputs;
  const machines = Object.entries(stateMachines);
  const graphs: { title: string; metrics: MetricLine[]; stat: string; yLabel?: string }[] = [
    {
      title: 'Orders per minute',
      stat: 'Sum',
      metrics: ['placed', 'confirmed', 'rejected', 'cancelled'].map((event) => [
        namespace,
        'seam_orders_total',
        'event',
        event,
        { label: event },
      ]),
    },
    {
      title: 'Saga duration p50 / p99 (Step Functions, ms)',
      stat: 'p50',
      metrics: machines.flatMap(([workflow, arn]) => [
        ['AWS/States', 'ExecutionTime', 'StateMachineArn', arn, { label: `${workflow} p50` }],
        [
          'AWS/States',
          'ExecutionTime',
          'StateMachineArn',
          arn,
          { label: `${workflow} p99`, stat: 'p99' },
        ],
      ]),
    },
    {
      title: 'Saga step errors per minute',
      stat: 'Sum',
      metrics: [
        search(namespace, ['workflow', 'state'], 'seam_saga_step_errors_total', 'Sum', 'e1'),
        ...machines.flatMap(([workflow, arn]) =>
          ['ExecutionsFailed', 'ExecutionsTimedOut'].map((metric) => [
            'AWS/States',
            metric,
            'StateMachineArn',
            arn,
            { label: `${workflow} ${metric}` },
          ]),
        ),
      ],
    },
    {
      title: 'Queue age: oldest message (s)',
      stat: 'Maximum',
      metrics: modules.map((module) => [
        'AWS/SQS',
        'ApproximateAgeOfOldestMessage',
        'QueueName',
        queueNames.command(module),
        { label: module },
      ]),
    },
    {
      title: 'Dead letters waiting (DLQ depth)',
      stat: 'Maximum',
      metrics: modules.map((module) => [
        'AWS/SQS',
        'ApproximateNumberOfMessagesVisible',
        'QueueName',
        queueNames.deadLetters(module),
        { label: module },
      ]),
    },
    {
      title: 'Outbox lag: oldest undelivered event (s)',
      stat: 'Maximum',
      metrics: modules.map((module) => [
        namespace,
        'seam_outbox_lag_seconds',
        'module',
        module,
        { label: module },
      ]),
    },
    {
      title: 'Parked outbox events',
      stat: 'Maximum',
      metrics: modules.map((module) => [
        namespace,
        'seam_outbox_parked_events',
        'module',
        module,
        { label: module },
      ]),
    },
    {
      title: 'Circuit breakers per route (0 closed, 1 half-open, 2 open)',
      stat: 'Maximum',
      metrics: [
        search(namespace, ['module'], 'seam_circuit_breaker_state', 'Maximum', 'e1'),
        [namespace, inputs.breakerOpenedMetric, { label: 'breakers opened', stat: 'Sum' }],
      ],
    },
    ...(inputs.loadBalancer
      ? [
          {
            title: '5xx answers per minute (ALB)',
            stat: 'Sum',
            metrics: ['HTTPCode_Target_5XX_Count', 'HTTPCode_ELB_5XX_Count'].map((metric) => [
              'AWS/ApplicationELB',
              metric,
              'LoadBalancer',
              inputs.loadBalancer!,
              { label: metric === 'HTTPCode_ELB_5XX_Count' ? 'load balancer' : 'tasks' },
            ]),
          },
        ]
      : []),
  ];
  const widgets: Widget[] = graphs.map((graph, index) => ({
    type: 'metric',
    x: (index % 2) * WIDTH,
    y: Math.floor(index / 2) * HEIGHT,
    width: WIDTH,
    height: HEIGHT,
    properties: {
      title: graph.title,
      region: inputs.region,
      view: 'timeSeries',
      stacked: false,
      period: 60,
      stat: graph.stat,
      metrics: graph.metrics,
    },
  }));
  return JSON.stringify({ widgets });
}

/** A SEARCH over the series of one metric with exactly these dimensions. */
function search(
  namespace: string,
  dimensions: readonly string[],
  metric: string,
  stat: string,
  id: string,
): MetricLine {
  const schema = [namespace, ...dimensions].join(',');
  return [{ expression: `SEARCH('{${schema}} MetricName="${metric}"', '${stat}', 60)`, id }];
}
