import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { AssetType, TerraformAsset } from 'cdktf';
import { Construct } from 'constructs';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy/index.js';
import { MwaaEnvironment } from '@cdktf/provider-aws/lib/mwaa-environment/index.js';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket/index.js';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block/index.js';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration/index.js';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning/index.js';
import { S3Object } from '@cdktf/provider-aws/lib/s3-object/index.js';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group/index.js';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule/index.js';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule/index.js';
import { policyDocument, trustPolicy } from './iam.js';
import type { Network } from './network.js';
import type { Workflows } from './workflows.js';
import type { DeploySettings } from '../deploy-settings.js';

/** Airflow 2 on MWAA; the DAGs use only Airflow and its Amazon provider, both installed on MWAA. */
export const AIRFLOW_VERSION = '2.10.3';

/**
 * Amazon MWAA for scheduled and batch runs, off unless the topology enables it
 * (docs/runbooks/run-workflows-on-mwaa.md). Its DAGs (`terraform/mwaa/dags/`) only start the
 * workflows' Step Functions state machines and wait for them: Airflow never interprets a
 * workflow. Its bucket is private, versioned and encrypted; the start-up script hands the
 * state machines' ARN prefix to the DAGs as the Airflow Variable `seam_state_machine_arn_prefix`,
 * and the module queues' URL prefix as `seam_queue_url_prefix` (for a scheduled DAG's input).
 */
export class Mwaa extends Construct {
  constructor(
    scope: Construct,
    id: string,
    props: {
      settings: DeploySettings;
      dagsDir: string;
      network: Network;
      workflows: Workflows;
    },
  ) {
    super(scope, id);
    const { network } = props;
    const { prefix, account, region } = props.settings;
    const name = `${prefix}-airflow`;
    const bucket = new S3Bucket(this, 'bucket', { bucketPrefix: `${name}-` });
    const versioning = new S3BucketVersioningA(this, 'bucket-versioning', {
      bucket: bucket.id,
      versioningConfiguration: { status: 'Enabled' },
    });
    new S3BucketServerSideEncryptionConfigurationA(this, 'bucket-encryption', {
      bucket: bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
    });
    const privateBucket = new S3BucketPublicAccessBlock(this, 'bucket-private', {
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    const dags = readdirSync(props.dagsDir).filter((file) => file.endsWith('.py'));
    for (const file of dags) {
      const asset = new TerraformAsset(this, `dag-${file}`, {
        path: join(props.dagsDir, file),
        type: AssetType.FILE,
      });
      new S3Object(this, `dag-object-${file}`, {
        bucket: bucket.id,
        key: `dags/${file}`,
        source: asset.path,
        sourceHash: asset.assetHash,
      });
    }
    // The state machines are named `<prefix>-<workflow>` (workflows.ts).
    const stateMachineArnPrefix = `arn:aws:states:${region}:${account}:stateMachine:${prefix}-`;
    // The module queues are `<prefix>-<module>` (messaging.ts): a scheduled DAG builds the
    // execution input's `queues` from this, as the worker does from SEAM_QUEUE_URL_PREFIX.
    const queueUrlPrefix = `https://sqs.${region}.amazonaws.com/${account}/${prefix}-`;
    const startup = new S3Object(this, 'startup-script', {
      bucket: bucket.id,
      key: 'startup.sh',
      content:
        `#!/bin/sh\nexport AIRFLOW_VAR_SEAM_STATE_MACHINE_ARN_PREFIX=${stateMachineArnPrefix}\n` +
        `export AIRFLOW_VAR_SEAM_QUEUE_URL_PREFIX=${queueUrlPrefix}\n`,
    });

    const securityGroup = new SecurityGroup(this, 'security-group', {
      name,
      description: 'MWAA: its own components talk to each other; HTTPS out',
      vpcId: network.vpc.id,
      tags: { Name: name },
    });
    new VpcSecurityGroupIngressRule(this, 'self-in', {
      securityGroupId: securityGroup.id,
      ipProtocol: '-1',
      referencedSecurityGroupId: securityGroup.id,
      description: 'MWAA components',
    });
    new VpcSecurityGroupEgressRule(this, 'all-out', {
      securityGroupId: securityGroup.id,
      ipProtocol: '-1',
      cidrIpv4: '0.0.0.0/0',
      description: 'AWS endpoints and MWAA components',
    });

    const environmentArn = `arn:aws:airflow:${region}:${account}:environment/${name}`;
    const role = new IamRole(this, 'execution-role', {
      name: `${name}-execution`,
      assumeRolePolicy: trustPolicy(
        ['airflow.amazonaws.com', 'airflow-env.amazonaws.com'],
        account,
      ),
    });
    const workflows = [...props.workflows.stateMachines.keys()];
    new IamRolePolicy(this, 'execution-policy', {
      role: role.id,
      name: 'mwaa-execution',
      policy: policyDocument([
        { Sid: 'PublishMetrics', Action: ['airflow:PublishMetrics'], Resource: [environmentArn] },
        {
          Sid: 'ReadDagBucket',
          Action: ['s3:GetObject*', 's3:GetBucket*', 's3:List*'],
          Resource: [bucket.arn, `${bucket.arn}/*`],
        },
        {
          Sid: 'WriteAirflowLogs',
          Action: [
            'logs:CreateLogStream',
            'logs:CreateLogGroup',
            'logs:PutLogEvents',
            'logs:GetLogEvents',
            'logs:GetLogRecord',
            'logs:GetLogGroupFields',
            'logs:GetQueryResults',
          ],
          Resource: [`arn:aws:logs:${region}:${account}:log-group:airflow-${name}-*`],
        },
        { Sid: 'ListLogGroups', Action: ['logs:DescribeLogGroups'], Resource: ['*'] },
        {
          Sid: 'AirflowMetrics',
          Action: ['cloudwatch:PutMetricData'],
          Resource: ['*'],
          Condition: { StringEquals: { 'cloudwatch:namespace': 'AmazonMWAA' } },
        },
        {
          Sid: 'CeleryQueuesOwnedByMwaa',
          Action: [
            'sqs:ChangeMessageVisibility',
            'sqs:DeleteMessage',
            'sqs:GetQueueAttributes',
            'sqs:GetQueueUrl',
            'sqs:ReceiveMessage',
            'sqs:SendMessage',
          ],
          Resource: [`arn:aws:sqs:${region}:*:airflow-celery-*`],
        },
        {
          // As AWS documents it for MWAA: the Celery queues' keys are AWS-owned, in another account.
          Sid: 'CeleryQueueKeys',
          Action: ['kms:Decrypt', 'kms:DescribeKey', 'kms:GenerateDataKey*', 'kms:Encrypt'],
          NotResource: [`arn:aws:kms:*:${account}:key/*`],
          Condition: { StringLike: { 'kms:ViaService': [`sqs.${region}.amazonaws.com`] } },
        },
        {
          Sid: 'StartWorkflows',
          Action: ['states:StartExecution'],
          Resource: workflows.map((workflow) => `${stateMachineArnPrefix}${workflow}`),
        },
        {
          // Executions are named when they start, so only their state machine is known here.
          Sid: 'WatchWorkflows',
          Action: ['states:DescribeExecution'],
          Resource: workflows.map(
            (workflow) => `arn:aws:states:${region}:${account}:execution:${prefix}-${workflow}:*`,
          ),
        },
      ]),
    });

    new MwaaEnvironment(this, 'environment', {
      // MWAA checks at creation that the bucket is versioned and private.
      dependsOn: [versioning, privateBucket],
      name,
      airflowVersion: AIRFLOW_VERSION,
      environmentClass: 'mw1.small',
      executionRoleArn: role.arn,
      sourceBucketArn: bucket.arn,
      dagS3Path: 'dags',
      startupScriptS3Path: startup.key,
      webserverAccessMode: 'PRIVATE_ONLY',
      networkConfiguration: {
        securityGroupIds: [securityGroup.id],
        subnetIds: network.privateSubnets.slice(0, 2).map((subnet) => subnet.id),
      },
      loggingConfiguration: {
        taskLogs: { enabled: true, logLevel: 'INFO' },
        schedulerLogs: { enabled: true, logLevel: 'WARNING' },
        webserverLogs: { enabled: true, logLevel: 'WARNING' },
        workerLogs: { enabled: true, logLevel: 'WARNING' },
        dagProcessingLogs: { enabled: true, logLevel: 'WARNING' },
      },
    });
  }
}
