import { describe, expect, it } from '@jest/globals';
import { Testing } from 'cdktf';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener/index.js';
import { Wafv2WebAclAssociation } from '@cdktf/provider-aws/lib/wafv2-web-acl-association/index.js';
import { MODULES } from '#monolith/modules';
import { QueueNames } from '#platform/messaging';
import { COLLECTOR_CONTAINER } from '../src/constructs/collector.js';
import { CONTAINER_USER, RDS_CA_FILE, TMP_PATH } from '../src/constructs/services.js';
import { WAF_RATE_LIMIT } from '../src/constructs/load-balancer.js';
import { loadTopology, parseTopology } from '../src/topology.js';
import { synthesize, topology, type Json } from './synthesized.js';

/** Production hardening (issue 16): what each finding changed, checked on the synthesized JSON. */

const modules = MODULES.map((entry) => entry.name);
const certificateArn = 'arn:aws:acm:eu-west-1:123456789012:certificate/abc';
const withCertificate = topology((t) => {
  t.frontDoor = { kind: 'alb', certificateArn };
  t.storefront.apiOriginDomain = 'api.seam.example.com';
});

interface Container {
  name: string;
  user?: string;
  readonlyRootFilesystem?: boolean;
  privileged?: boolean;
  linuxParameters?: { initProcessEnabled?: boolean; capabilities?: { drop?: string[] } };
  mountPoints?: { sourceVolume: string; containerPath: string; readOnly: boolean }[];
  secrets?: { name: string; valueFrom: string }[];
  environment: { name: string; value: string }[];
  command?: string[];
}

function containers(task: Record<string, Json>): Container[] {
  return JSON.parse(task.container_definitions as string) as Container[];
}

describe('production topology', () => {
  it('refuses production on the ALB without a certificate', () => {
    const json = JSON.parse(JSON.stringify({ ...withCertificate })) as Record<string, Json>;
    json.frontDoor = { kind: 'alb' };
    expect(() => parseTopology(json, modules, 'topology/production.json', 'production')).toThrow(
      /topology\/production\.json\.frontDoor\.certificateArn: expected an ACM certificate ARN: production serves HTTPS only/,
    );
    // Another environment may start on plain HTTP.
    expect(() => parseTopology(json, modules, 'topology/staging.json', 'staging')).not.toThrow();
    json.frontDoor = { kind: 'alb', certificateArn: 'arn:aws:acm:eu-west-1:certificate' };
    expect(() => parseTopology(json, modules, 'p', 'production')).toThrow(/ACM certificate ARN/);
  });

  it('has a certificate in the production file', () => {
    expect(loadTopology('production', modules).frontDoor.certificateArn).toMatch(/^arn:aws:acm:/);
  });
});

describe('front door', () => {
  const { main, stack } = synthesize({ topology: withCertificate });
  const synthesized = Testing.synth(stack);

  it('serves HTTPS with the certificate and redirects HTTP to it', () => {
    expect(
      Testing.toHaveResourceWithProperties(synthesized, LbListener.tfResourceType, {
        port: 443,
        protocol: 'HTTPS',
        certificate_arn: certificateArn,
      }),
    ).toBe(true);
    expect(
      Testing.toHaveResourceWithProperties(synthesized, LbListener.tfResourceType, {
        port: 80,
        default_action: [
          {
            type: 'redirect',
            redirect: { protocol: 'HTTPS', port: '443', status_code: 'HTTP_301' },
          },
        ],
      }),
    ).toBe(true);
    expect(
      Testing.toHaveResourceWithProperties(synthesized, Wafv2WebAclAssociation.tfResourceType),
    ).toBe(true);
  });

  it('filters requests with AWS WAF: managed common and bad-input rules, a rate limit per IP', () => {
    const acl = main.one('aws_wafv2_web_acl', () => true);
    expect(acl.scope).toBe('REGIONAL');
    const statements = (acl.rule as { statement: Json; action?: Json }[]).map((r) => r.statement);
    expect(statements).toEqual(
      expect.arrayContaining([
        {
          managed_rule_group_statement: {
            name: 'AWSManagedRulesCommonRuleSet',
            vendor_name: 'AWS',
          },
        },
        {
          managed_rule_group_statement: {
            name: 'AWSManagedRulesKnownBadInputsRuleSet',
            vendor_name: 'AWS',
          },
        },
        { rate_based_statement: { limit: WAF_RATE_LIMIT, aggregate_key_type: 'IP' } },
      ]),
    );
    expect(main.one('aws_wafv2_web_acl_association', () => true)).toMatchObject({
      resource_arn: main.reference('aws_lb', 'arn', () => true),
      web_acl_arn: main.reference('aws_wafv2_web_acl', 'arn', () => true),
    });
  });

  it('writes access logs to a private, encrypted bucket that ELB log delivery may write to', () => {
    const bucket = main.one('aws_s3_bucket', (b) => /alb-logs/.test(b.bucket as string));
    const bucketId = main.reference('aws_s3_bucket', 'id', (b) => b === bucket);
    expect(main.one('aws_lb', () => true).access_logs).toMatchObject({
      enabled: true,
      bucket: main.reference('aws_s3_bucket', 'bucket', (b) => b === bucket),
    });
    expect(
      main.one('aws_s3_bucket_server_side_encryption_configuration', (c) => c.bucket === bucketId)
        .rule,
    ).toEqual([{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }]);
    expect(
      main.one('aws_s3_bucket_public_access_block', (b) => b.bucket === bucketId),
    ).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    const policy = JSON.parse(
      main.one('aws_s3_bucket_policy', (p) => p.bucket === bucketId).policy as string,
    ) as { Statement: { Sid: string; Principal: Json; Resource: Json }[] };
    const writer = policy.Statement.find((s) => s.Sid === 'ElbLogDeliveryAccount')!;
    expect(writer.Principal).toEqual({
      AWS: '${data.aws_elb_service_account.front-door_elb-account_1848CA71.arn}',
    });
    expect(writer.Resource).toMatch(/\/alb\/AWSLogs\/123456789012\/\*$/);
  });
});

describe('task definitions', () => {
  const { main } = synthesize();
  const tasks = main.list('aws_ecs_task_definition');

  it('run every container as non-root on a read-only root filesystem, Seam with a /tmp volume', () => {
    expect(tasks.map((t) => t.family).sort()).toEqual([
      'seam-test-migrate',
      'seam-test-monolith-web',
      'seam-test-monolith-worker',
      'seam-test-payments',
    ]);
    for (const task of tasks) {
      expect(task.volume).toEqual([{ name: 'tmp' }]);
      for (const container of containers(task)) {
        expect(container).toMatchObject({
          user: CONTAINER_USER,
          readonlyRootFilesystem: true,
          privileged: false,
          linuxParameters: { initProcessEnabled: true, capabilities: { drop: ['ALL'] } },
        });
        expect(container.user).not.toMatch(/^(0|root)(:|$)/);
        // The collector sidecar writes nothing to disk.
        if (container.name === COLLECTOR_CONTAINER) continue;
        expect(container.mountPoints).toEqual([
          { sourceVolume: 'tmp', containerPath: TMP_PATH, readOnly: false },
        ]);
        const env = Object.fromEntries(container.environment.map((e) => [e.name, e.value]));
        expect(env.SEAM_DATA_DIR?.startsWith(`${TMP_PATH}/`)).toBe(true);
        expect(env.SEAM_DB_CA_FILE).toBe(RDS_CA_FILE);
      }
    }
  });

  it('let only the migrate task and its execution role near the admin secret', () => {
    const adminSecret = /master_user_secret/;
    for (const task of tasks) {
      const migrate = task.family === 'seam-test-migrate';
      expect(adminSecret.test(task.container_definitions as string)).toBe(migrate);
    }
    const holders = main
      .list('aws_iam_role_policy')
      .filter((policy) => adminSecret.test(policy.policy as string))
      .map((policy) => policy.role);
    expect(holders).toEqual([
      main.reference('aws_iam_role', 'id', (r) => r.name === 'seam-test-migrate-execution'),
    ]);
    // The migrate task's own role reads the module logins it sets passwords from, nothing else.
    const migrateRole = main.taskPolicy('migrate');
    expect(migrateRole.Statement.map((s) => s.Action)).toEqual([['secretsmanager:GetSecretValue']]);
    expect(migrateRole.Statement[0]!.Resource).toHaveLength(modules.length);
  });

  it('make the migrate task depend on all it needs to run, for a targeted apply before the services', () => {
    const migrate = main.one('aws_ecs_task_definition', (t) => t.family === 'seam-test-migrate');
    const dependsOn = migrate.depends_on as string[];
    const ingress = main.reference(
      'aws_vpc_security_group_ingress_rule',
      'x',
      (r) => r.description === 'PostgreSQL from Seam tasks',
    );
    for (const needed of [
      ingress.replace(/^\$\{(.*)\.x\}$/, '$1'),
      ...Object.keys(main.resources('aws_vpc_endpoint')).map((id) => `aws_vpc_endpoint.${id}`),
      ...Object.keys(main.resources('aws_rds_cluster_instance')).map(
        (id) => `aws_rds_cluster_instance.${id}`,
      ),
      ...Object.keys(main.resources('aws_secretsmanager_secret_version')).map(
        (id) => `aws_secretsmanager_secret_version.${id}`,
      ),
      ...Object.keys(main.resources('aws_ecs_cluster')).map((id) => `aws_ecs_cluster.${id}`),
    ])
      expect(dependsOn).toContain(needed);
    expect(dependsOn.some((d) => d.startsWith('aws_ecs_service.'))).toBe(false);
  });

  it('put the command that runs the migrate task in an output', () => {
    const command = main.json.output!.migrate_command.value as string;
    expect(command).toContain('aws ecs run-task --cluster ${aws_ecs_cluster.');
    expect(command).toContain('--task-definition ${aws_ecs_task_definition.migrate.family}');
    expect(command).toContain('assignPublicIp=DISABLED');
    expect(command).toMatch(/aws ecs wait tasks-stopped .* && test .*exitCode.* = 0$/);
  });
});

describe('reply queues', () => {
  it('are scoped to each service; consumers may only send answers to the others, and only the monolith workers sweep dead ones', () => {
    const { main } = synthesize();
    const all = `arn:aws:sqs:eu-west-1:123456789012:${new QueueNames('seam-test-').reply('*')}`;
    for (const service of ['monolith-web', 'monolith-worker', 'payments']) {
      const statements = main.taskPolicy(service).Statement;
      expect(statements.find((s) => s.Sid === 'OwnReplyQueues')!.Resource).toEqual([
        `arn:aws:sqs:eu-west-1:123456789012:${new QueueNames('seam-test-').reply('*', service)}`,
      ]);
      const onAll = statements.filter((s) => s.Resource?.includes(all));
      if (service === 'monolith-web') expect(onAll).toEqual([]);
      else
        expect(onAll.map((s) => [s.Sid, s.Action])).toEqual([
          ...(service === 'monolith-worker'
            ? [
                [
                  'SweepDeadReplyQueues',
                  ['sqs:ListQueueTags', 'sqs:GetQueueAttributes', 'sqs:DeleteQueue'],
                ],
              ]
            : []),
          ['AnswerCallers', ['sqs:SendMessage']],
        ]);
    }
  });
});
