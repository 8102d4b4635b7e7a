import { Construct } from 'constructs';
import { Cloudtrail } from '@cdktf/provider-aws/lib/cloudtrail/index.js';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule/index.js';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target/index.js';
import { ConfigConfigRule } from '@cdktf/provider-aws/lib/config-config-rule/index.js';
import { ConfigConfigurationRecorder } from '@cdktf/provider-aws/lib/config-configuration-recorder/index.js';
import { ConfigConfigurationRecorderStatus } from '@cdktf/provider-aws/lib/config-configuration-recorder-status/index.js';
import { ConfigDeliveryChannel } from '@cdktf/provider-aws/lib/config-delivery-channel/index.js';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy/index.js';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment/index.js';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider/index.js';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket/index.js';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration/index.js';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy/index.js';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy/index.js';
import type { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic/index.js';
import type { DeploySettings } from '../deploy-settings.js';
import { policyDocument, trustPolicy } from './iam.js';
import { privateBucket } from './private-bucket.js';

/** AWS Config managed rules for what Seam deploys (identifiers as AWS publishes them). */
export const MANAGED_RULES = [
  'CLOUD_TRAIL_ENABLED',
  'MULTI_REGION_CLOUD_TRAIL_ENABLED',
  'CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED',
  'RDS_STORAGE_ENCRYPTED',
  'RDS_INSTANCE_PUBLIC_ACCESS_CHECK',
  'S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED',
  'S3_BUCKET_PUBLIC_READ_PROHIBITED',
  'ALB_WAF_ENABLED',
] as const;
/** Only where the ALB serves HTTPS: otherwise it is non-compliant by design (staging on HTTP). */
export const HTTPS_RULE = 'ALB_HTTP_TO_HTTPS_REDIRECTION_CHECK';
/** Days the audit logs (CloudTrail, Config snapshots) are kept. */
export const AUDIT_LOG_DAYS = 365;

/** API calls that change security groups (CloudTrail event names). */
export const SECURITY_GROUP_CHANGES = [
  'AuthorizeSecurityGroupIngress',
  'AuthorizeSecurityGroupEgress',
  'RevokeSecurityGroupIngress',
  'RevokeSecurityGroupEgress',
  'ModifySecurityGroupRules',
  'CreateSecurityGroup',
  'DeleteSecurityGroup',
];
/** API calls that change who may do what. */
export const IAM_CHANGES = [
  'CreateRole',
  'DeleteRole',
  'UpdateAssumeRolePolicy',
  'PutRolePolicy',
  'DeleteRolePolicy',
  'AttachRolePolicy',
  'DetachRolePolicy',
  'CreatePolicyVersion',
  'CreateUser',
  'CreateAccessKey',
  'AttachUserPolicy',
  'PutUserPolicy',
];
/** API calls that change the flags outside a normal deployment, or deploy them. */
export const FLAG_CHANGES = [
  'CreateHostedConfigurationVersion',
  'DeleteHostedConfigurationVersion',
  'StartDeployment',
  'StopDeployment',
  'UpdateConfigurationProfile',
  'UpdateEnvironment',
];

/**
 * Auditing and change control: a multi-region CloudTrail trail with log file validation into a
 * private, encrypted bucket; AWS Config recording every supported resource with managed rules
 * for what Seam deploys; EventBridge rules that tell the alarms topic about Config
 * non-compliance and about changes to security groups, IAM and the flags (CloudTrail events).
 * IAM is a global service whose events arrive in us-east-1 only: a rule there forwards them to
 * this region's default bus (`global` provider).
 */
export class Auditing extends Construct {
  readonly bucket: S3Bucket;
  readonly trail: Cloudtrail;
  readonly recorder: ConfigConfigurationRecorder;
  readonly rules: CloudwatchEventRule[] = [];

  constructor(
    scope: Construct,
    id: string,
    props: {
      settings: DeploySettings;
      alarmTopic: SnsTopic;
      /** Adds the HTTPS redirection rule. */
      https: boolean;
      /** A provider in us-east-1, where IAM's CloudTrail events are delivered. */
      global?: AwsProvider;
    },
  ) {
    super(scope, id);
    const { prefix, account, region } = props.settings;
    const trailName = `${prefix}-audit`;
    const trailArn = `arn:aws:cloudtrail:${region}:${account}:trail/${trailName}`;
    this.bucket = privateBucket(this, 'bucket', `${prefix}-audit-${account}`, { versioned: true });
    new S3BucketLifecycleConfiguration(this, 'bucket-expiry', {
      bucket: this.bucket.id,
      rule: [
        {
          id: 'expire',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          expiration: [{ days: AUDIT_LOG_DAYS }],
          noncurrentVersionExpiration: [{ noncurrentDays: 30 }],
        },
      ],
    });
    const bucketPolicy = new S3BucketPolicy(this, 'bucket-policy', {
      bucket: this.bucket.id,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'AWSCloudTrailAclCheck',
            Effect: 'Allow',
            Principal: { Service: 'cloudtrail.amazonaws.com' },
            Action: 's3:GetBucketAcl',
            Resource: this.bucket.arn,
            Condition: { StringEquals: { 'aws:SourceArn': trailArn } },
          },
          {
            Sid: 'AWSCloudTrailWrite',
            Effect: 'Allow',
            Principal: { Service: 'cloudtrail.amazonaws.com' },
            Action: 's3:PutObject',
            Resource: `${this.bucket.arn}/cloudtrail/AWSLogs/${account}/*`,
            Condition: {
              StringEquals: {
                's3:x-amz-acl': 'bucket-owner-full-control',
                'aws:SourceArn': trailArn,
              },
            },
          },
          {
            Sid: 'TlsOnly',
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:*',
            Resource: [this.bucket.arn, `${this.bucket.arn}/*`],
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ],
      }),
    });
    this.trail = new Cloudtrail(this, 'trail', {
      name: trailName,
      s3BucketName: this.bucket.bucket,
      s3KeyPrefix: 'cloudtrail',
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      enableLogging: true,
      dependsOn: [bucketPolicy],
    });

    // AWS Config: one recorder per account and region (docs/deploy.md).
    const configRole = new IamRole(this, 'config-role', {
      name: `${prefix}-config`,
      assumeRolePolicy: trustPolicy('config.amazonaws.com', account),
    });
    new IamRolePolicyAttachment(this, 'config-role-managed', {
      role: configRole.name,
      policyArn: 'arn:aws:iam::aws:policy/service-role/AWS_ConfigRole',
    });
    const configDelivery = new IamRolePolicy(this, 'config-role-delivery', {
      role: configRole.id,
      name: 'deliver-to-audit-bucket',
      policy: policyDocument([
        { Sid: 'CheckBucket', Action: ['s3:GetBucketAcl'], Resource: [this.bucket.arn] },
        {
          Sid: 'DeliverSnapshots',
          Action: ['s3:PutObject'],
          Resource: [`${this.bucket.arn}/config/AWSLogs/${account}/*`],
          Condition: { StringLike: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
        },
      ]),
    });
    this.recorder = new ConfigConfigurationRecorder(this, 'recorder', {
      name: prefix,
      roleArn: configRole.arn,
      recordingGroup: { allSupported: true, includeGlobalResourceTypes: true },
    });
    const channel = new ConfigDeliveryChannel(this, 'delivery', {
      name: prefix,
      s3BucketName: this.bucket.bucket,
      s3KeyPrefix: 'config',
      snapshotDeliveryProperties: { deliveryFrequency: 'TwentyFour_Hours' },
      dependsOn: [this.recorder, configDelivery],
    });
    const status = new ConfigConfigurationRecorderStatus(this, 'recorder-status', {
      name: this.recorder.name,
      isEnabled: true,
      dependsOn: [channel],
    });
    for (const rule of [...MANAGED_RULES, ...(props.https ? [HTTPS_RULE] : [])])
      new ConfigConfigRule(this, `rule-${rule.toLowerCase()}`, {
        name: `${prefix}-${rule.toLowerCase().replaceAll('_', '-')}`,
        source: { owner: 'AWS', sourceIdentifier: rule },
        dependsOn: [status],
      });

    // EventBridge → the alarms topic.
    const notify = (name: string, description: string, pattern: object) => {
      const rule = new CloudwatchEventRule(this, name, {
        name: `${prefix}-${name}`,
        description,
        eventPattern: JSON.stringify(pattern),
      });
      new CloudwatchEventTarget(this, `${name}-target`, {
        rule: rule.name,
        targetId: 'alarms',
        arn: props.alarmTopic.arn,
      });
      this.rules.push(rule);
    };
    const apiCall = (source: string, eventSource: string, names: string[]) => ({
      source: [source],
      'detail-type': ['AWS API Call via CloudTrail'],
      detail: { eventSource: [eventSource], eventName: names },
    });
    notify('config-noncompliant', 'A Config rule of Seam found a resource non-compliant', {
      source: ['aws.config'],
      'detail-type': ['Config Rules Compliance Change'],
      detail: {
        configRuleName: [{ prefix: `${prefix}-` }],
        newEvaluationResult: { complianceType: ['NON_COMPLIANT'] },
      },
    });
    notify(
      'security-group-changes',
      'A security group changed',
      apiCall('aws.ec2', 'ec2.amazonaws.com', SECURITY_GROUP_CHANGES),
    );
    notify('iam-changes', 'IAM changed', apiCall('aws.iam', 'iam.amazonaws.com', IAM_CHANGES));
    notify(
      'flag-changes',
      'AppConfig (the flag profile) changed or deployed',
      apiCall('aws.appconfig', 'appconfig.amazonaws.com', FLAG_CHANGES),
    );
    if (props.global && region !== 'us-east-1') {
      const bus = `arn:aws:events:${region}:${account}:event-bus/default`;
      const forwarder = new IamRole(this, 'iam-forwarder-role', {
        provider: props.global,
        name: `${prefix}-iam-events-forwarder`,
        assumeRolePolicy: trustPolicy('events.amazonaws.com', account),
      });
      new IamRolePolicy(this, 'iam-forwarder-policy', {
        provider: props.global,
        role: forwarder.id,
        name: 'put-events',
        policy: policyDocument([
          { Sid: 'ForwardToRegion', Action: ['events:PutEvents'], Resource: [bus] },
        ]),
      });
      const rule = new CloudwatchEventRule(this, 'iam-changes-forward', {
        provider: props.global,
        name: `${prefix}-iam-changes-forward`,
        description: `IAM changes (delivered in us-east-1 only) to ${region}'s default bus`,
        eventPattern: JSON.stringify(apiCall('aws.iam', 'iam.amazonaws.com', IAM_CHANGES)),
      });
      new CloudwatchEventTarget(this, 'iam-changes-forward-target', {
        provider: props.global,
        rule: rule.name,
        targetId: 'home-region',
        arn: bus,
        roleArn: forwarder.arn,
      });
    }

    // The topic's policy replaces the default one: keep the account and CloudWatch alarms.
    new SnsTopicPolicy(this, 'alarm-topic-policy', {
      arn: props.alarmTopic.arn,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'AccountOwner',
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${account}:root` },
            Action: [
              'sns:Publish',
              'sns:Subscribe',
              'sns:GetTopicAttributes',
              'sns:SetTopicAttributes',
            ],
            Resource: props.alarmTopic.arn,
          },
          {
            Sid: 'CloudWatchAlarms',
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Resource: props.alarmTopic.arn,
            Condition: {
              ArnLike: {
                'aws:SourceArn': `arn:aws:cloudwatch:${region}:${account}:alarm:${prefix}-*`,
              },
            },
          },
          {
            Sid: 'EventBridgeRules',
            Effect: 'Allow',
            Principal: { Service: 'events.amazonaws.com' },
            Action: 'sns:Publish',
            Resource: props.alarmTopic.arn,
            Condition: {
              ArnLike: { 'aws:SourceArn': `arn:aws:events:${region}:${account}:rule/${prefix}-*` },
            },
          },
        ],
      }),
    });
  }
}
