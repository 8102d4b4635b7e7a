import { beforeAll, describe, expect, it } from '@jest/globals';
import { MODULES } from '#monolith/modules';
import { ACTIONS_WITHOUT_RESOURCES } from '../src/constructs/iam.js';
import { synthesize, topology, type PolicyDocument, type Synthesized } from './synthesized.js';

/**
 * Wildcards inside ARNs that Seam needs, each for a stated reason. Anything else with a `*` in
 * an action or resource fails the test.
 */
const ALLOWED_ARN_PATTERNS: readonly { pattern: RegExp; reason: string }[] = [
  {
    pattern: /^arn:aws:sqs:eu-west-1:123456789012:seam-test-reply-[a-z][\w-]*-\*$/,
    reason:
      'reply queues are created by each process at start-up, named by its service and instance id',
  },
  {
    pattern: /^arn:aws:sqs:eu-west-1:123456789012:seam-test-reply-\*$/,
    reason: 'a consumer answers (sqs:SendMessage only) whichever process called it',
  },
  {
    pattern: /^\$\{aws_cloudwatch_log_group\.[\w-]+\.arn\}:\*$/,
    reason: 'log streams of a log group are created by the awslogs driver as tasks start',
  },
  {
    pattern: /^arn:aws:sqs:eu-west-1:\*:airflow-celery-\*$/,
    reason: 'MWAA’s Celery queues live in an AWS-owned account',
  },
  {
    pattern: /^arn:aws:logs:eu-west-1:123456789012:log-group:airflow-seam-test-airflow-\*$/,
    reason: 'MWAA creates one log group per Airflow component',
  },
  { pattern: /^\$\{aws_s3_bucket\.[\w-]+\.arn\}\/\*$/, reason: 'the DAG files in the MWAA bucket' },
  {
    pattern: /^\$\{aws_s3_bucket\.auditing_bucket_\w+\.arn\}\/config\/AWSLogs\/123456789012\/\*$/,
    reason: 'AWS Config names its snapshot and history objects itself, under its prefix',
  },
  {
    pattern: /^arn:aws:states:eu-west-1:123456789012:execution:seam-test-[a-z-]+:\*$/,
    reason: 'MWAA watches the executions its DAGs start; they are named at start',
  },
];
const ALLOWED_ACTION_PATTERNS = new Set([
  's3:GetObject*',
  's3:GetBucket*',
  's3:List*',
  'kms:GenerateDataKey*',
]);

function wildcardProblems(id: string, document: PolicyDocument): string[] {
  return document.Statement.flatMap((statement) => {
    const problems: string[] = [];
    for (const action of statement.Action)
      if (action.includes('*') && !ALLOWED_ACTION_PATTERNS.has(action))
        problems.push(`${id} ${statement.Sid}: action ${action}`);
    for (const resource of statement.Resource ?? []) {
      if (resource === '*') {
        const unjustified = statement.Action.filter(
          (action) => !(action in ACTIONS_WITHOUT_RESOURCES),
        );
        if (unjustified.length > 0)
          problems.push(`${id} ${statement.Sid}: Resource * for ${unjustified.join(', ')}`);
      } else if (
        resource.includes('*') &&
        !ALLOWED_ARN_PATTERNS.some(({ pattern }) => pattern.test(resource))
      )
        problems.push(`${id} ${statement.Sid}: resource ${resource}`);
    }
    if (statement.NotResource && statement.Sid !== 'CeleryQueueKeys')
      problems.push(`${id} ${statement.Sid}: NotResource`);
    return problems;
  });
}

describe('IAM policies', () => {
  let main: Synthesized;
  let mwaa: Synthesized;
  beforeAll(() => {
    main = synthesize().main;
    mwaa = synthesize({ topology: topology((t) => (t.mwaa.enabled = true)) }).main;
  });

  it('use no wildcard action or resource except where AWS requires one (listed with the reason)', () => {
    for (const synthesized of [main, mwaa]) {
      const policies = synthesized.policies();
      expect(policies.length).toBeGreaterThan(5);
      expect(policies.flatMap(({ id, document }) => wildcardProblems(id, document))).toEqual([]);
    }
  });

  it('the wildcard check itself rejects a wildcard action, a wildcard resource and a * for a scoped action', () => {
    const document: PolicyDocument = {
      Statement: [
        {
          Sid: 'A',
          Effect: 'Allow',
          Action: ['sqs:*'],
          Resource: ['arn:aws:sqs:eu-west-1:123456789012:x'],
        },
        {
          Sid: 'B',
          Effect: 'Allow',
          Action: ['sqs:SendMessage'],
          Resource: ['arn:aws:sqs:eu-west-1:123456789012:seam-*'],
        },
        {
          Sid: 'C',
          Effect: 'Allow',
          Action: ['sqs:SendMessage', 'xray:PutTraceSegments'],
          Resource: ['*'],
        },
      ],
    };
    expect(wildcardProblems('p', document)).toEqual([
      'p A: action sqs:*',
      'p B: resource arn:aws:sqs:eu-west-1:123456789012:seam-*',
      'p C: Resource * for sqs:SendMessage',
    ]);
  });

  it('let a module service touch only its own queues, secret and topics, and answer only its tasks', () => {
    const policy = main.taskPolicy('payments');
    const statement = (sid: string) => policy.Statement.find((s) => s.Sid === sid)?.Resource ?? [];
    const queue = (name: string) =>
      main.reference('aws_sqs_queue', 'arn', (q) => q.name === `seam-test-${name}`);
    expect(statement('ConsumeOwnQueues')).toEqual([queue('payments')]);
    expect(statement('ParkInOwnDeadLetterQueues')).toEqual([queue('payments-dlq')]);
    expect(statement('ReadOwnDatabaseSecrets')).toEqual([
      main.reference('aws_secretsmanager_secret', 'arn', (s) => s.name === 'seam/test/db/payments'),
    ]);
    expect(statement('PublishOwnEvents')).toEqual([]); // payments publishes no events
    expect(statement('StartOwnWorkflows')).toEqual([]); // ordering owns the saga
    // The saga and the nightly reconciliation both send it tasks.
    expect(statement('AnswerWorkflowTasks')).toEqual(
      ['order-fulfilment', 'payments-reconciliation'].map((workflow) =>
        main.reference('aws_sfn_state_machine', 'arn', (m) => m.name === `seam-test-${workflow}`),
      ),
    );
    // It may send requests to other modules, but never to its own queue's neighbours' DLQs or itself.
    const sends = statement('SendRequestsToModules');
    expect(sends).not.toContain(queue('payments'));
    for (const resource of policy.Statement.flatMap((s) => s.Resource ?? []))
      for (const other of MODULES.map((m) => m.name).filter((m) => m !== 'payments')) {
        expect(resource).not.toBe(queue(`${other}-dlq`));
        expect(resource).not.toContain(`secret-${other}_`);
      }
    expect(JSON.stringify(policy)).not.toContain('states:StartExecution');
  });

  it('keep the monolith’s web role off queues, workflows and dead letters', () => {
    const policy = main.taskPolicy('monolith-web');
    const sids = policy.Statement.map((statement) => statement.Sid);
    expect(sids).not.toContain('ConsumeOwnQueues');
    expect(sids).not.toContain('ParkInOwnDeadLetterQueues');
    expect(sids).not.toContain('StartOwnWorkflows');
    expect(sids).not.toContain('AnswerWorkflowTasks');
    expect(sids).toEqual(
      expect.arrayContaining(['SendRequestsToModules', 'ReadFeatureFlags', 'PublishOwnEvents']),
    );
  });

  it('let the monolith worker consume every module queue (the way back from an extraction), and start ordering’s workflows', () => {
    const policy = main.taskPolicy('monolith-worker');
    const consumed = policy.Statement.find((s) => s.Sid === 'ConsumeOwnQueues')!.Resource!;
    const queue = (name: string) =>
      main.reference('aws_sqs_queue', 'arn', (q) => q.name === `seam-test-${name}`);
    expect([...consumed].sort()).toEqual(MODULES.map((m) => queue(m.name)).sort());
    expect(policy.Statement.find((s) => s.Sid === 'StartOwnWorkflows')!.Resource).toEqual(
      ['order-fulfilment', 'payments-reconciliation'].map((workflow) =>
        main.reference('aws_sfn_state_machine', 'arn', (m) => m.name === `seam-test-${workflow}`),
      ),
    );
  });

  it('let the state machine send only to the queues its Task states name', () => {
    const role = main.reference(
      'aws_iam_role',
      'id',
      (r) => r.name === 'seam-test-order-fulfilment-sfn',
    );
    const policy = JSON.parse(
      main.one('aws_iam_role_policy', (p) => p.role === role).policy as string,
    ) as PolicyDocument;
    const queue = (name: string) =>
      main.reference('aws_sqs_queue', 'arn', (q) => q.name === `seam-test-${name}`);
    expect(
      [...policy.Statement.find((s) => s.Sid === 'SendTasksToModuleQueues')!.Resource!].sort(),
    ).toEqual(['inventory', 'ordering', 'payments', 'shipping'].map(queue).sort());
  });

  it('trust only the AWS service that uses a role, on behalf of this account where AWS documents it', () => {
    const withoutSourceAccount = new Set(['appconfig.amazonaws.com']);
    for (const role of [...main.list('aws_iam_role'), ...mwaa.list('aws_iam_role')]) {
      const trust = JSON.parse(role.assume_role_policy as string);
      for (const statement of trust.Statement) {
        expect(Object.keys(statement.Principal)).toEqual(['Service']);
        if (withoutSourceAccount.has(statement.Principal.Service))
          expect(statement.Condition).toBeUndefined();
        else
          expect(statement.Condition).toEqual({
            StringEquals: { 'aws:SourceAccount': '123456789012' },
          });
      }
    }
  });
});
