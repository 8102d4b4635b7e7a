/** One statement of an IAM policy; `Resource` lists ARNs (or Terraform references to them). */
export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect?: 'Allow' | 'Deny';
  readonly Principal?: Record<string, string | string[]>;
  readonly Action: readonly string[];
  readonly Resource?: readonly string[];
  /** Only where AWS documents it (MWAA's access to the keys of its own Celery queues). */
  readonly NotResource?: readonly string[];
  readonly Condition?: Record<string, Record<string, string | string[]>>;
}

/** The JSON of a policy document; statements that name no resources are left out. */
export function policyDocument(statements: readonly PolicyStatement[]): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: statements
      .filter((statement) => (statement.Resource ?? statement.NotResource ?? []).length > 0)
      .map((statement) => ({ Effect: 'Allow', ...statement })),
  });
}

/**
 * A trust policy that lets an AWS service assume the role. With `account`, only on behalf of
 * that account (`aws:SourceAccount`, against the confused deputy): give it for the services AWS
 * documents the condition for (ECS tasks, Step Functions, MWAA). Without it for the others
 * (AppConfig's alarm role, App Runner): a condition the service does not send locks it out.
 */
export function trustPolicy(service: string | readonly string[], account?: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: service },
        Action: 'sts:AssumeRole',
        ...(account ? { Condition: { StringEquals: { 'aws:SourceAccount': account } } } : {}),
      },
    ],
  });
}

/**
 * Actions AWS accepts only on `"Resource": "*"`: they have no resource-level permissions. Every
 * `*` in Seam's policies is one of these; the infrastructure tests reject any other.
 */
export const ACTIONS_WITHOUT_RESOURCES: Readonly<Record<string, string>> = {
  'ecr:GetAuthorizationToken': 'the registry login token is account-wide',
  'logs:CreateLogDelivery': 'Step Functions and MWAA log delivery is configured account-wide',
  'logs:GetLogDelivery': 'log delivery',
  'logs:UpdateLogDelivery': 'log delivery',
  'logs:DeleteLogDelivery': 'log delivery',
  'logs:ListLogDeliveries': 'log delivery',
  'logs:PutResourcePolicy': 'log delivery writes the log group resource policy',
  'logs:DescribeResourcePolicies': 'log delivery',
  'logs:DescribeLogGroups': 'listing log groups has no resource scope',
  'xray:PutTraceSegments': 'X-Ray has no resource-level permissions',
  'xray:PutTelemetryRecords': 'X-Ray has no resource-level permissions',
  'xray:GetSamplingRules': 'X-Ray has no resource-level permissions',
  'xray:GetSamplingTargets': 'X-Ray has no resource-level permissions',
  'cloudwatch:DescribeAlarms': 'AppConfig reads alarm states; DescribeAlarms takes no resource',
  'cloudwatch:PutMetricData': 'metric data has no resource; scoped by the namespace condition',
  'sqs:ListQueues': 'listing queues takes no resource (the janitor narrows it by name prefix)',
};
