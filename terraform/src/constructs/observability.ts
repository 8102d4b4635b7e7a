import { Construct } from 'constructs';
import { CloudwatchDashboard } from '@cdktf/provider-aws/lib/cloudwatch-dashboard/index.js';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group/index.js';
import { CloudwatchLogMetricFilter } from '@cdktf/provider-aws/lib/cloudwatch-log-metric-filter/index.js';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm/index.js';
import { CloudwatchQueryDefinition } from '@cdktf/provider-aws/lib/cloudwatch-query-definition/index.js';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic/index.js';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription/index.js';
import type { ServicePlan } from '../system-plan.js';
import type { Messaging } from './messaging.js';
import type { DeploySettings } from '../deploy-settings.js';
import { dashboardBody } from './dashboard.js';

/**
 * CloudWatch Logs Insights queries saved in the console (folder `seam-<env>`), over every
 * service's log group. Replace the upper-case placeholder before running. Log lines are pino
 * JSON: `level` (50 error), `msg`, `correlationId`, `trace_id`, `context` (the logging class),
 * workflow lines `workflow` and `executionId`; the log stream starts with the service name.
 */
export const SAVED_QUERIES: Readonly<Record<string, string>> = {
  'order-story-by-order-id': [
    'fields @timestamp, @logStream, level, msg, trace_id, correlationId',
    '| filter @message like "ORDER_ID"',
    '| sort @timestamp asc',
    '| limit 10000',
  ].join('\n'),
  'order-story-by-trace-id': [
    'fields @timestamp, @logStream, level, msg, correlationId, executionId',
    '| filter trace_id = "TRACE_ID"',
    '| sort @timestamp asc',
    '| limit 10000',
  ].join('\n'),
  'errors-by-module': [
    'filter level >= 50',
    '| stats count(*) as errors by coalesce(module, context, @logStream) as source, msg',
    '| sort errors desc',
    '| limit 100',
  ].join('\n'),
  'slow-saga-steps': [
    'filter ispresent(executionId)',
    '| stats min(@timestamp) as first, max(@timestamp) as last, (max(@timestamp) - min(@timestamp)) / 1000 as seconds, count(*) as lines by workflow, executionId',
    '| sort seconds desc',
    '| limit 50',
  ].join('\n'),
};

/** The metric a breaker-open log line counts (namespace `Seam/<env>`). */
export const BREAKER_OPENED_METRIC = 'CircuitBreakerOpened';

/** The application's metric of a module's oldest undelivered outbox event (seconds). */
export const OUTBOX_LAG_METRIC = 'seam_outbox_lag_seconds';

/**
 * Log groups with retention, one per service, and one for the metric records the services'
 * collectors write; a metric counted from the log line every opening circuit breaker writes;
 * alarms on dead letters, queue age, outbox lag, opened breakers and (with the ALB) on 5xx
 * answers, all notifying the `<prefix>-alarms` topic; and the environment's dashboard. The
 * breaker and 5xx alarms also roll back a flag deployment in AppConfig.
 */
export class Observability extends Construct {
  /** Service name → its log group. */
  readonly logGroups: ReadonlyMap<string, CloudwatchLogGroup>;
  /** Where the collectors' EMF records go; CloudWatch makes the `Seam/<env>` metrics of them. */
  readonly metricsLogGroup: CloudwatchLogGroup;
  /** `Seam/<env>`: the application's metrics and the breaker log metric. */
  readonly namespace: string;
  readonly alarmTopic: SnsTopic;
  readonly breakerOpened: CloudwatchMetricAlarm;
  private readonly prefix: string;
  private readonly environment: string;

  constructor(
    scope: Construct,
    id: string,
    props: {
      settings: DeploySettings;
      services: readonly ServicePlan[];
      messaging: Messaging;
      modules: readonly string[];
      logRetentionDays: number;
      /** Who is told (SNS asks the address to confirm first). */
      alarmEmail?: string;
      queueAgeAlarmSeconds: number;
      outboxLagAlarmSeconds: number;
    },
  ) {
    super(scope, id);
    const { prefix, environment } = props.settings;
    this.prefix = prefix;
    this.environment = environment;
    const namespace = `Seam/${environment}`;
    this.namespace = namespace;
    // Not encrypted with alias/aws/sns: CloudWatch cannot use that key (its policy is AWS's), so
    // alarm notifications would be dropped. The messages hold alarm names and states only.
    this.alarmTopic = new SnsTopic(this, 'alarms', { name: `${prefix}-alarms` });
    if (props.alarmEmail)
      new SnsTopicSubscription(this, 'alarm-email', {
        topicArn: this.alarmTopic.arn,
        protocol: 'email',
        endpoint: props.alarmEmail,
      });
    const logGroups = new Map<string, CloudwatchLogGroup>();
    for (const service of props.services) {
      const group = new CloudwatchLogGroup(this, `${service.name}-logs`, {
        name: this.logGroupName(service.name),
        retentionInDays: props.logRetentionDays,
      });
      new CloudwatchLogMetricFilter(this, `${service.name}-breaker-opened`, {
        name: `${prefix}-${service.name}-breaker-opened`,
        logGroupName: group.name,
        pattern: '{ $.msg = "Circuit breaker opened*" }',
        metricTransformation: {
          name: BREAKER_OPENED_METRIC,
          namespace,
          value: '1',
          defaultValue: '0',
          unit: 'Count',
        },
      });
      logGroups.set(service.name, group);
    }
    this.logGroups = logGroups;
    // Records are only the carriers of the metrics: a short retention is enough to debug them.
    this.metricsLogGroup = new CloudwatchLogGroup(this, 'metrics-logs', {
      name: this.metricsLogGroupName,
      retentionInDays: 7,
    });
    const groupNames = [...logGroups.values()].map((group) => group.name);
    for (const [name, queryString] of Object.entries(SAVED_QUERIES))
      new CloudwatchQueryDefinition(this, `query-${name}`, {
        name: `${prefix}/${name}`,
        logGroupNames: groupNames,
        queryString,
      });

    this.breakerOpened = new CloudwatchMetricAlarm(this, 'breaker-opened', {
      alarmName: `${prefix}-breaker-opened`,
      alarmDescription:
        'A circuit breaker to another module opened: that module is failing or slow',
      namespace,
      metricName: BREAKER_OPENED_METRIC,
      statistic: 'Sum',
      period: 60,
      evaluationPeriods: 1,
      threshold: 1,
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      treatMissingData: 'notBreaching',
      alarmActions: [this.alarmTopic.arn],
      okActions: [this.alarmTopic.arn],
    });
    for (const module of props.modules)
      new CloudwatchMetricAlarm(this, `${module}-dead-letters`, {
        alarmName: `${prefix}-${module}-dead-letters`,
        alarmDescription: `Messages for ${module} reached its DLQ: see docs/runbooks/redrive-parked-events.md`,
        namespace: 'AWS/SQS',
        metricName: 'ApproximateNumberOfMessagesVisible',
        dimensions: { QueueName: props.messaging.deadLetters(module).name },
        statistic: 'Maximum',
        period: 300,
        evaluationPeriods: 1,
        threshold: 0,
        comparisonOperator: 'GreaterThanThreshold',
        treatMissingData: 'notBreaching',
        alarmActions: [this.alarmTopic.arn],
      });
    for (const module of props.modules) {
      new CloudwatchMetricAlarm(this, `${module}-queue-age`, {
        alarmName: `${prefix}-${module}-queue-age`,
        alarmDescription: `The oldest message on ${module}'s queue waited over ${props.queueAgeAlarmSeconds} s: its consumers are down, too few or failing (docs/observability.md)`,
        namespace: 'AWS/SQS',
        metricName: 'ApproximateAgeOfOldestMessage',
        dimensions: { QueueName: props.messaging.queue(module).name },
        statistic: 'Maximum',
        period: 60,
        evaluationPeriods: 5,
        datapointsToAlarm: 3,
        threshold: props.queueAgeAlarmSeconds,
        comparisonOperator: 'GreaterThanThreshold',
        treatMissingData: 'notBreaching',
        alarmActions: [this.alarmTopic.arn],
        okActions: [this.alarmTopic.arn],
      });
      new CloudwatchMetricAlarm(this, `${module}-outbox-lag`, {
        alarmName: `${prefix}-${module}-outbox-lag`,
        alarmDescription: `${module}'s oldest undelivered outbox event is over ${props.outboxLagAlarmSeconds} s old: its relay is stuck or its subscribers fail (docs/runbooks/redrive-parked-events.md)`,
        namespace,
        metricName: OUTBOX_LAG_METRIC,
        dimensions: { module },
        statistic: 'Maximum',
        period: 60,
        evaluationPeriods: 3,
        threshold: props.outboxLagAlarmSeconds,
        comparisonOperator: 'GreaterThanThreshold',
        // No data: no collector is reporting (or tracing is off); the queue-age alarm still watches.
        treatMissingData: 'notBreaching',
        alarmActions: [this.alarmTopic.arn],
        okActions: [this.alarmTopic.arn],
      });
    }
  }

  /** A service's log group name: `/seam/<env>/<service>`. */
  logGroupName(service: string): string {
    return `/seam/${this.environment}/${service}`;
  }

  /** The collectors' metric records: `/seam/<env>/metrics`. */
  get metricsLogGroupName(): string {
    return `/seam/${this.environment}/metrics`;
  }

  /** The environment's CloudWatch dashboard, `<prefix>`: see dashboardBody. */
  dashboard(props: {
    settings: DeploySettings;
    modules: readonly string[];
    workflows: readonly string[];
    loadBalancerArnSuffix?: string;
  }): CloudwatchDashboard {
    const { settings } = props;
    return new CloudwatchDashboard(this, 'dashboard', {
      dashboardName: this.prefix,
      dashboardBody: dashboardBody({
        region: settings.region,
        namespace: this.namespace,
        modules: props.modules,
        queueNames: settings.queueNames,
        stateMachines: Object.fromEntries(
          props.workflows.map((workflow) => [
            workflow,
            `arn:aws:states:${settings.region}:${settings.account}:stateMachine:${this.prefix}-${workflow}`,
          ]),
        ),
        loadBalancer: props.loadBalancerArnSuffix,
        breakerOpenedMetric: BREAKER_OPENED_METRIC,
      }),
    });
  }

  /** An alarm on the load balancer's 5xx answers (its own and its targets'). */
  serverErrors(loadBalancerArnSuffix: string): CloudwatchMetricAlarm {
    return new CloudwatchMetricAlarm(this, 'server-errors', {
      alarmName: `${this.prefix}-5xx`,
      alarmDescription: 'The web front door answers with 5xx',
      namespace: 'AWS/ApplicationELB',
      metricName: 'HTTPCode_Target_5XX_Count',
      dimensions: { LoadBalancer: loadBalancerArnSuffix },
      statistic: 'Sum',
      period: 60,
      evaluationPeriods: 2,
      threshold: 10,
      comparisonOperator: 'GreaterThanThreshold',
      treatMissingData: 'notBreaching',
      alarmActions: [this.alarmTopic.arn],
      okActions: [this.alarmTopic.arn],
    });
  }
}
