import { Construct } from 'constructs';
import { DataAwsElbServiceAccount } from '@cdktf/provider-aws/lib/data-aws-elb-service-account/index.js';
import { Lb } from '@cdktf/provider-aws/lib/lb/index.js';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener/index.js';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group/index.js';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket/index.js';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration/index.js';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy/index.js';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group/index.js';
import { Wafv2WebAcl } from '@cdktf/provider-aws/lib/wafv2-web-acl/index.js';
import { Wafv2WebAclAssociation } from '@cdktf/provider-aws/lib/wafv2-web-acl-association/index.js';
import { allowTcp, type Network } from './network.js';
import type { DeploySettings } from '../deploy-settings.js';
import { privateBucket } from './private-bucket.js';

/** The port every Seam container listens on. */
export const CONTAINER_PORT = 3000;

/** Requests one client IP may make in 5 minutes before the WAF blocks it (rate-based rule). */
export const WAF_RATE_LIMIT = 2000;
/** Days the ALB access logs are kept. */
export const ACCESS_LOG_DAYS = 90;

/**
 * The public front door: an Application Load Balancer in the public subnets that forwards to
 * the web tasks in the private ones (readiness: `/health/ready`). With a certificate it serves
 * HTTPS and redirects HTTP; without one it serves plain HTTP (not in production: the topology
 * refuses it). AWS WAF filters what reaches it (AWS managed common and known-bad-inputs rule
 * groups, a per-IP rate limit); access logs go to an encrypted, private S3 bucket.
 */
export class LoadBalancer extends Construct {
  readonly loadBalancer: Lb;
  readonly targetGroup: LbTargetGroup;
  readonly securityGroup: SecurityGroup;
  /** A target group can serve an ECS service only once a listener puts it behind the ALB. */
  readonly listeners: LbListener[] = [];
  readonly webAcl: Wafv2WebAcl;
  readonly accessLogs: S3Bucket;
  /** With `internal`: the security group of API Gateway's VPC link, the only way in. */
  readonly vpcLinkSecurityGroup?: SecurityGroup;

  constructor(
    scope: Construct,
    id: string,
    props: {
      settings: DeploySettings;
      network: Network;
      certificateArn?: string;
      /** Behind API Gateway: in the private subnets, reachable from its VPC link only. */
      internal?: boolean;
    },
  ) {
    super(scope, id);
    const { network, certificateArn } = props;
    const internal = props.internal ?? false;
    const { prefix } = props.settings;
    this.securityGroup = new SecurityGroup(this, 'security-group', {
      name: `${prefix}-alb`,
      description: 'Seam load balancer: HTTP(S) from the internet, to the web tasks',
      vpcId: network.vpc.id,
      tags: { Name: `${prefix}-alb` },
    });
    if (internal) {
      this.vpcLinkSecurityGroup = new SecurityGroup(this, 'vpc-link-security-group', {
        name: `${prefix}-vpc-link`,
        description: 'API Gateway VPC link: to the internal load balancer only',
        vpcId: network.vpc.id,
        tags: { Name: `${prefix}-vpc-link` },
      });
    }
    for (const port of certificateArn ? [80, 443] : [80]) {
      if (this.vpcLinkSecurityGroup) {
        allowTcp(this, `in-${port}`, {
          securityGroupId: this.securityGroup.id,
          direction: 'ingress',
          port,
          referencedSecurityGroupId: this.vpcLinkSecurityGroup.id,
          description: `Port ${port} from the API Gateway VPC link`,
        });
        allowTcp(this, `vpc-link-out-${port}`, {
          securityGroupId: this.vpcLinkSecurityGroup.id,
          direction: 'egress',
          port,
          referencedSecurityGroupId: this.securityGroup.id,
          description: `Port ${port} to the internal load balancer`,
        });
      } else
        allowTcp(this, `in-${port}`, {
          securityGroupId: this.securityGroup.id,
          direction: 'ingress',
          port,
          cidrIpv4: '0.0.0.0/0',
          description: `Port ${port} from the internet`,
        });
    }
    allowTcp(this, 'to-web-tasks', {
      securityGroupId: this.securityGroup.id,
      direction: 'egress',
      port: CONTAINER_PORT,
      referencedSecurityGroupId: network.serviceSecurityGroup.id,
      description: 'To the web tasks',
    });
    allowTcp(this, 'web-tasks-from-alb', {
      securityGroupId: network.serviceSecurityGroup.id,
      direction: 'ingress',
      port: CONTAINER_PORT,
      referencedSecurityGroupId: this.securityGroup.id,
      description: 'From the load balancer',
    });
    const { bucket: accessLogs, policy: accessLogsPolicy } = this.accessLogBucket(props.settings);
    this.accessLogs = accessLogs;
    this.loadBalancer = new Lb(this, 'alb', {
      name: prefix,
      loadBalancerType: 'application',
      internal,
      subnets: (internal ? network.privateSubnets : network.publicSubnets).map(
        (subnet) => subnet.id,
      ),
      securityGroups: [this.securityGroup.id],
      dropInvalidHeaderFields: true,
      accessLogs: { bucket: accessLogs.bucket, prefix: 'alb', enabled: true },
      // ELB checks that it may write to the bucket when access logs are turned on.
      dependsOn: [accessLogsPolicy],
    });
    this.webAcl = this.firewall(prefix);
    new Wafv2WebAclAssociation(this, 'waf-association', {
      resourceArn: this.loadBalancer.arn,
      webAclArn: this.webAcl.arn,
    });
    this.targetGroup = new LbTargetGroup(this, 'web', {
      name: `${prefix}-web`,
      port: CONTAINER_PORT,
      protocol: 'HTTP',
      targetType: 'ip',
      vpcId: network.vpc.id,
      deregistrationDelay: '30',
      healthCheck: {
        path: '/health/ready',
        matcher: '200',
        interval: 15,
        healthyThreshold: 2,
        unhealthyThreshold: 3,
      },
    });
    if (certificateArn) {
      this.listeners.push(
        new LbListener(this, 'https', {
          loadBalancerArn: this.loadBalancer.arn,
          port: 443,
          protocol: 'HTTPS',
          sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
          certificateArn,
          defaultAction: [{ type: 'forward', targetGroupArn: this.targetGroup.arn }],
        }),
      );
      this.listeners.push(
        new LbListener(this, 'http', {
          loadBalancerArn: this.loadBalancer.arn,
          port: 80,
          protocol: 'HTTP',
          defaultAction: [
            {
              type: 'redirect',
              redirect: { protocol: 'HTTPS', port: '443', statusCode: 'HTTP_301' },
            },
          ],
        }),
      );
    } else {
      this.listeners.push(
        new LbListener(this, 'http', {
          loadBalancerArn: this.loadBalancer.arn,
          port: 80,
          protocol: 'HTTP',
          defaultAction: [{ type: 'forward', targetGroupArn: this.targetGroup.arn }],
        }),
      );
    }
  }

  /** AWS managed rule groups (common, known bad inputs) and a rate limit per client IP. */
  private firewall(prefix: string): Wafv2WebAcl {
    const visibility = (metric: string) => ({
      cloudwatchMetricsEnabled: true,
      metricName: metric,
      sampledRequestsEnabled: true,
    });
    const managed = (name: string, priority: number) => ({
      name: `aws-${name}`,
      priority,
      overrideAction: { none: {} },
      // `statement` is untyped in the provider bindings: written as Terraform spells it.
      statement: { managed_rule_group_statement: { name, vendor_name: 'AWS' } },
      visibilityConfig: visibility(`${prefix}-${name}`),
    });
    return new Wafv2WebAcl(this, 'waf', {
      name: prefix,
      description: 'Seam front door: AWS managed rules and a rate limit per client IP',
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      rule: [
        managed('AWSManagedRulesCommonRuleSet', 1),
        managed('AWSManagedRulesKnownBadInputsRuleSet', 2),
        {
          name: 'rate-limit-per-ip',
          priority: 3,
          action: { block: {} },
          statement: {
            rate_based_statement: { limit: WAF_RATE_LIMIT, aggregate_key_type: 'IP' },
          },
          visibilityConfig: visibility(`${prefix}-rate-limit`),
        },
      ],
      visibilityConfig: visibility(prefix),
    });
  }

  /**
   * The bucket of the ALB's access logs: private, encrypted with SSE-S3 (the only encryption
   * ELB log delivery supports), objects owned by the bucket owner, expiring after
   * ACCESS_LOG_DAYS; writable by the region's ELB log delivery account (and, in regions opened
   * since 2022, the log delivery service) under `alb/AWSLogs/<account>/` only.
   */
  private accessLogBucket(settings: DeploySettings): { bucket: S3Bucket; policy: S3BucketPolicy } {
    const bucket = privateBucket(
      this,
      'access-logs',
      `${settings.prefix}-alb-logs-${settings.account}`,
    );
    new S3BucketLifecycleConfiguration(this, 'access-logs-expiry', {
      bucket: bucket.id,
      rule: [
        {
          id: 'expire',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          expiration: [{ days: ACCESS_LOG_DAYS }],
        },
      ],
    });
    const elb = new DataAwsElbServiceAccount(this, 'elb-account', {});
    const objects = `${bucket.arn}/alb/AWSLogs/${settings.account}/*`;
    const policy = new S3BucketPolicy(this, 'access-logs-policy', {
      bucket: bucket.id,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'ElbLogDeliveryAccount',
            Effect: 'Allow',
            Principal: { AWS: elb.arn },
            Action: 's3:PutObject',
            Resource: objects,
          },
          {
            Sid: 'ElbLogDeliveryService',
            Effect: 'Allow',
            Principal: { Service: 'logdelivery.elasticloadbalancing.amazonaws.com' },
            Action: 's3:PutObject',
            Resource: objects,
          },
          {
            Sid: 'TlsOnly',
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:*',
            Resource: [bucket.arn, `${bucket.arn}/*`],
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ],
      }),
    });
    return { bucket, policy };
  }
}
