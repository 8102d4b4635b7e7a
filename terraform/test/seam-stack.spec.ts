import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { MODULES } from '#monolith/modules';
import { workflowsOf } from '#platform/runtime';
import { INTERFACE_ENDPOINTS } from '../src/constructs/network.js';
import {
  FLAG_FILE,
  REGION,
  synthesize,
  topology,
  type PolicyDocument,
  type Synthesized,
} from './synthesized.js';

const modules = MODULES.map((entry) => entry.name);
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('the main stack of an environment (staging topology: payments extracted)', () => {
  let main: Synthesized;
  let registry: Synthesized;
  beforeAll(() => {
    ({ main, registry } = synthesize());
  });

  it('gives every module a queue and a DLQ, both encrypted, joined by a redrive policy resource', () => {
    const queues = main.list('aws_sqs_queue');
    expect(queues.map((queue) => queue.name).sort()).toEqual(
      modules.flatMap((m) => [`seam-test-${m}`, `seam-test-${m}-dlq`]).sort(),
    );
    for (const queue of queues) expect(queue.sqs_managed_sse_enabled).toBe(true);
    for (const module of modules) {
      const queue = main.reference('aws_sqs_queue', 'url', (q) => q.name === `seam-test-${module}`);
      const dlqArn = main.reference(
        'aws_sqs_queue',
        'arn',
        (q) => q.name === `seam-test-${module}-dlq`,
      );
      const redrive = main.one('aws_sqs_queue_redrive_policy', (r) => r.queue_url === queue);
      expect(JSON.parse(redrive.redrive_policy as string)).toEqual({
        deadLetterTargetArn: dlqArn,
        maxReceiveCount: 5,
      });
      expect(queues.find((q) => q.name === `seam-test-${module}`)).not.toHaveProperty(
        'redrive_policy',
      );
    }
  });

  it('fans events out through one SNS topic per publisher, filtered to what each subscriber handles', () => {
    const topics = main.list('aws_sns_topic').map((topic) => topic.name);
    expect(topics).toEqual(
      expect.arrayContaining(['seam-test-ordering-events', 'seam-test-shipping-events']),
    );
    const subscriptions = main.list('aws_sns_topic_subscription');
    expect(subscriptions.length).toBeGreaterThan(0);
    for (const subscription of subscriptions) {
      expect(subscription).toMatchObject({ protocol: 'sqs', raw_message_delivery: true });
      const patterns = JSON.parse(subscription.filter_policy as string)['seam-pattern'] as string[];
      expect(patterns.length).toBeGreaterThan(0);
    }
    const notifications = main.reference(
      'aws_sqs_queue',
      'arn',
      (q) => q.name === 'seam-test-notifications',
    );
    const ordering = main.reference(
      'aws_sns_topic',
      'arn',
      (t) => t.name === 'seam-test-ordering-events',
    );
    const toNotifications = main.one(
      'aws_sns_topic_subscription',
      (s) => s.endpoint === notifications && s.topic_arn === ordering,
    );
    expect(JSON.parse(toNotifications.filter_policy as string)).toEqual({
      'seam-pattern': expect.arrayContaining(['ordering.order-confirmed']),
      'seam-subscriber': ['notifications'],
    });
    // Only SNS, and only from the publishers' topics, may write to a subscriber's queue.
    const queueUrl = main.reference(
      'aws_sqs_queue',
      'url',
      (q) => q.name === 'seam-test-notifications',
    );
    const policy = JSON.parse(
      main.one('aws_sqs_queue_policy', (p) => p.queue_url === queueUrl).policy as string,
    );
    expect(policy.Statement).toEqual([
      expect.objectContaining({
        Principal: { Service: 'sns.amazonaws.com' },
        Action: ['sqs:SendMessage'],
        Condition: { ArnEquals: { 'aws:SourceArn': expect.arrayContaining([ordering]) } },
      }),
    ]);
  });

  it('deploys each workflow as a state machine whose definition is the ASL file, byte for byte', () => {
    const definitions = workflowsOf(MODULES);
    expect(definitions.length).toBeGreaterThan(0);
    for (const definition of definitions) {
      const machine = main.one(
        'aws_sfn_state_machine',
        (m) => m.name === `seam-test-${definition.name}`,
      );
      expect(sha256(machine.definition as string)).toBe(
        sha256(readFileSync(definition.file, 'utf8')),
      );
      expect(machine.tracing_configuration).toEqual({ enabled: true });
      expect(machine.logging_configuration).toMatchObject({
        level: 'ERROR',
        include_execution_data: true,
      });
    }
  });

  it('hosts the repository’s flag document in AppConfig verbatim and rolls it back on alarms', () => {
    const version = main.one('aws_appconfig_hosted_configuration_version', () => true);
    expect(version.content).toBe(readFileSync(FLAG_FILE, 'utf8'));
    expect(main.one('aws_appconfig_configuration_profile', () => true)).toMatchObject({
      type: 'AWS.AppConfig.FeatureFlags',
      location_uri: 'hosted',
    });
    const monitors = main.one('aws_appconfig_environment', () => true).monitor as {
      alarm_arn: string;
    }[];
    const breaker = main.reference(
      'aws_cloudwatch_metric_alarm',
      'arn',
      (a) => a.alarm_name === 'seam-test-breaker-opened',
    );
    const serverErrors = main.reference(
      'aws_cloudwatch_metric_alarm',
      'arn',
      (a) => a.alarm_name === 'seam-test-5xx',
    );
    expect(monitors.map((monitor) => monitor.alarm_arn).sort()).toEqual(
      [breaker, serverErrors].sort(),
    );
    expect(main.list('aws_appconfig_deployment')).toHaveLength(1);
  });

  it('keeps Aurora private and encrypted, with RDS managing the admin password', () => {
    expect(main.one('aws_rds_cluster', () => true)).toMatchObject({
      engine: 'aurora-postgresql',
      storage_encrypted: true,
      manage_master_user_password: true,
      deletion_protection: false,
      serverlessv2_scaling_configuration: {
        min_capacity: 0,
        max_capacity: 4,
        seconds_until_auto_pause: 900,
      },
    });
    for (const instance of main.list('aws_rds_cluster_instance'))
      expect(instance).toMatchObject({
        publicly_accessible: false,
        instance_class: 'db.serverless',
      });
    const secrets = main.list('aws_secretsmanager_secret').map((secret) => secret.name);
    expect(secrets.sort()).toEqual(modules.map((m) => `seam/test/db/${m}`).sort());
  });

  it('puts services only in private subnets, and reaches AWS through VPC endpoints', () => {
    const subnets = main.resources('aws_subnet');
    const privateIds = Object.entries(subnets)
      .filter(([, subnet]) => subnet.tags.tier === 'private')
      .map(([id]) => `\${aws_subnet.${id}.id}`);
    expect(privateIds).toHaveLength(2);
    for (const subnet of Object.values(subnets)) expect(subnet.map_public_ip_on_launch).toBe(false);
    for (const service of main.list('aws_ecs_service')) {
      expect(service.network_configuration.assign_public_ip).toBe(false);
      expect([...service.network_configuration.subnets].sort()).toEqual([...privateIds].sort());
    }
    const endpoints = main.list('aws_vpc_endpoint').map((endpoint) => endpoint.service_name);
    expect(endpoints.sort()).toEqual(
      [...INTERFACE_ENDPOINTS, 's3'].map((service) => `com.amazonaws.${REGION}.${service}`).sort(),
    );
    // Egress the endpoints do not cover (the identity provider's JWKS): one NAT gateway per zone.
    expect(main.list('aws_nat_gateway')).toHaveLength(2);
  });

  it('runs the monolith’s web and worker roles and each extracted module as Fargate services', () => {
    expect(
      main
        .list('aws_ecs_service')
        .map((service) => service.name)
        .sort(),
    ).toEqual(['monolith-web', 'monolith-worker', 'payments'].sort());
    const images = main
      .list('aws_ecs_task_definition')
      .map(
        (task) =>
          (JSON.parse(task.container_definitions as string) as { image: string }[])[0]!.image,
      );
    expect(new Set(images)).toEqual(
      new Set(['${data.aws_ecr_repository.repository.repository_url}:abc123']),
    );
    // Tasks migrate at start: no service before a database instance, its role's policy and (web)
    // the listener; the first flag deployment waits for the services (its alarms need data).
    const instance = `aws_rds_cluster_instance.${Object.keys(main.resources('aws_rds_cluster_instance'))[0]}`;
    for (const service of main.list('aws_ecs_service')) {
      expect(service.wait_for_steady_state).toBe(true);
      expect(service.depends_on).toContain(instance);
      expect(service.depends_on.some((d: string) => d.startsWith('aws_iam_role_policy.'))).toBe(
        true,
      );
    }
    const deployment = main.one('aws_appconfig_deployment', () => true);
    expect(
      deployment.depends_on.filter((d: string) => d.startsWith('aws_ecs_service.')),
    ).toHaveLength(3);
    const web = main.one('aws_ecs_service', (s) => s.name === 'monolith-web');
    expect(web.depends_on.some((d: string) => d.startsWith('aws_lb_listener.'))).toBe(true);
    expect(web.load_balancer).toHaveLength(1);
    expect(main.one('aws_lb', () => true)).toMatchObject({
      internal: false,
      drop_invalid_header_fields: true,
    });
  });

  it('scales web on CPU and workers on the backlog per task of the queues they consume', () => {
    const policies = main.list('aws_appautoscaling_policy');
    const web = policies.find((p) => p.name === 'seam-test-monolith-web-cpu')!;
    expect(
      web.target_tracking_scaling_policy_configuration.predefined_metric_specification,
    ).toEqual({
      predefined_metric_type: 'ECSServiceAverageCPUUtilization',
    });
    const payments = policies.find((p) => p.name === 'seam-test-payments-backlog')!;
    const metrics = payments.target_tracking_scaling_policy_configuration
      .customized_metric_specification.metrics as {
      id: string;
      expression?: string;
      metric_stat?: { metric: { dimensions: { value: string }[] } };
    }[];
    expect(metrics.find((m) => m.id === 'queue0')!.metric_stat!.metric.dimensions).toEqual([
      {
        name: 'QueueName',
        value: main.reference('aws_sqs_queue', 'name', (q) => q.name === 'seam-test-payments'),
      },
    ]);
    expect(metrics.find((m) => m.id === 'backlogPerTask')!.expression).toBe(
      '(queue0) / MAX([tasks, 1])',
    );
    const worker = policies.find((p) => p.name === 'seam-test-monolith-worker-backlog')!;
    const workerQueues =
      worker.target_tracking_scaling_policy_configuration.customized_metric_specification.metrics.filter(
        (m: { id: string }) => m.id.startsWith('queue'),
      );
    expect(workerQueues).toHaveLength(modules.length - 1); // payments is consumed by its own service
  });

  it('alarms on every DLQ, queue age and outbox lag, on opened circuit breakers and on 5xx, counting breakers from the logs', () => {
    const alarms = main.list('aws_cloudwatch_metric_alarm').map((alarm) => alarm.alarm_name);
    expect(alarms.sort()).toEqual(
      [
        ...modules.map((m) => `seam-test-${m}-dead-letters`),
        ...modules.map((m) => `seam-test-${m}-queue-age`),
        ...modules.map((m) => `seam-test-${m}-outbox-lag`),
        'seam-test-breaker-opened',
        'seam-test-5xx',
      ].sort(),
    );
    const filters = main.list('aws_cloudwatch_log_metric_filter');
    expect(filters).toHaveLength(3);
    for (const filter of filters)
      expect(filter.pattern).toBe('{ $.msg = "Circuit breaker opened*" }');
    for (const group of main.list('aws_cloudwatch_log_group'))
      expect(group.retention_in_days).toBe(group.name === '/seam/test/metrics' ? 7 : 14);
  });

  it('keeps the image repository in its own stack: immutable tags, scanned on push', () => {
    expect(registry.one('aws_ecr_repository', () => true)).toMatchObject({
      name: 'seam-test',
      image_tag_mutability: 'IMMUTABLE',
      image_scanning_configuration: { scan_on_push: true },
    });
    expect(main.list('aws_ecr_repository')).toHaveLength(0);
  });

  it('leaves MWAA out unless the topology turns it on', () => {
    expect(main.list('aws_mwaa_environment')).toHaveLength(0);
  });
});

describe('options of the main stack', () => {
  it('keeps state in S3, locked by a lock file or by the DynamoDB table given', () => {
    const lockFile = synthesize({ env: { SEAM_TF_STATE_BUCKET: 'acme-tf-state' } }).main.json
      .terraform!;
    expect(lockFile.backend.s3).toEqual({
      bucket: 'acme-tf-state',
      key: 'seam/test/seam-test.tfstate',
      region: REGION,
      encrypt: true,
      use_lockfile: true,
    });
    const table = synthesize({
      env: { SEAM_TF_STATE_BUCKET: 'acme-tf-state', SEAM_TF_LOCK_TABLE: 'tf-locks' },
    }).main.json.terraform!;
    expect(table.backend.s3).toMatchObject({ dynamodb_table: 'tf-locks' });
    expect(table.backend.s3).not.toHaveProperty('use_lockfile');
  });

  it('serves web from App Runner instead of the ALB when the topology says so', () => {
    const { main } = synthesize({
      topology: topology((t) => {
        t.frontDoor = { kind: 'apprunner' };
        t.storefront = { enabled: false };
      }),
    });
    expect(main.list('aws_lb')).toHaveLength(0);
    expect(
      main
        .list('aws_ecs_service')
        .map((s) => s.name)
        .sort(),
    ).toEqual(['monolith-worker', 'payments']);
    const apprunner = main.one('aws_apprunner_service', () => true);
    expect(apprunner.network_configuration.egress_configuration.egress_type).toBe('VPC');
    const variables = apprunner.source_configuration.image_repository.image_configuration
      .runtime_environment_variables as Record<string, string>;
    expect(variables).toMatchObject({ SEAM_ROLE: 'web', SEAM_TRANSPORT: 'sqs' });
    const instanceRole = main.one('aws_iam_role', (r) => r.name === 'seam-test-monolith-web');
    expect(JSON.parse(instanceRole.assume_role_policy as string).Statement[0].Principal).toEqual({
      Service: 'tasks.apprunner.amazonaws.com',
    });
    expect(() =>
      topology((t) => {
        t.frontDoor = { kind: 'apprunner' };
        t.storefront = { enabled: false };
        t.monolith.web = { cpu: 512, memory: 2048, count: 1, maxCount: 2 };
      }),
    ).toThrow(/monolith\.web\.memory: expected with App Runner, 1024 for cpu 512, got "2048"/);
  });

  it('serves HTTPS and redirects HTTP when the topology names a certificate', () => {
    const certificateArn = 'arn:aws:acm:eu-west-1:123456789012:certificate/abc';
    const { main } = synthesize({
      topology: topology((t) => {
        t.frontDoor = { kind: 'alb', certificateArn };
        t.storefront.apiOriginDomain = 'api.seam.example.com';
      }),
    });
    const listeners = main.list('aws_lb_listener');
    expect(listeners.map((l) => [l.port, l.protocol]).sort()).toEqual([
      [443, 'HTTPS'],
      [80, 'HTTP'],
    ]);
    expect(listeners.find((l) => l.port === 80)!.default_action[0].type).toBe('redirect');
  });

  it('runs MWAA with the generated DAGs from a private bucket when enabled', () => {
    const { main } = synthesize({ topology: topology((t) => (t.mwaa.enabled = true)) });
    expect(main.one('aws_mwaa_environment', () => true)).toMatchObject({
      webserver_access_mode: 'PRIVATE_ONLY',
      dag_s3_path: 'dags',
    });
    const dags = main.reference('aws_s3_bucket', 'id', (b) => b.bucket_prefix !== undefined);
    expect(main.one('aws_s3_bucket_public_access_block', (b) => b.bucket === dags)).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(main.list('aws_s3_object').map((object) => object.key)).toEqual(
      expect.arrayContaining([
        'dags/ordering__order_fulfilment.py',
        'dags/ordering__payments_reconciliation.py',
        'dags/seam_execution_input.py',
        'startup.sh',
      ]),
    );
  });

  it('lets MWAA start and watch the state machines, and tells the DAGs their ARN prefix', () => {
    const { main } = synthesize({ topology: topology((t) => (t.mwaa.enabled = true)) });
    const prefix = 'arn:aws:states:eu-west-1:123456789012:stateMachine:seam-test-';
    expect(main.one('aws_s3_object', (object) => object.key === 'startup.sh').content).toBe(
      `#!/bin/sh\nexport AIRFLOW_VAR_SEAM_STATE_MACHINE_ARN_PREFIX=${prefix}\n` +
        'export AIRFLOW_VAR_SEAM_QUEUE_URL_PREFIX=https://sqs.eu-west-1.amazonaws.com/123456789012/seam-test-\n',
    );
    const role = main.reference(
      'aws_iam_role',
      'id',
      (r) => r.name === 'seam-test-airflow-execution',
    );
    const policy = JSON.parse(
      main.one('aws_iam_role_policy', (r) => r.role === role).policy as string,
    ) as PolicyDocument;
    const statement = (sid: string) => policy.Statement.find((s) => s.Sid === sid);
    expect(statement('StartWorkflows')).toMatchObject({
      Action: ['states:StartExecution'],
      Resource: [`${prefix}order-fulfilment`, `${prefix}payments-reconciliation`],
    });
    expect(statement('WatchWorkflows')).toMatchObject({
      Action: ['states:DescribeExecution'],
      Resource: [
        'arn:aws:states:eu-west-1:123456789012:execution:seam-test-order-fulfilment:*',
        'arn:aws:states:eu-west-1:123456789012:execution:seam-test-payments-reconciliation:*',
      ],
    });
    // Airflow no longer sends workflow tasks itself: Step Functions does.
    expect(statement('SendTasksToModuleQueues')).toBeUndefined();
    expect(main.list('aws_sqs_queue').map((queue) => queue.name)).not.toContain(
      'seam-test-reply-airflow',
    );
  });
});
