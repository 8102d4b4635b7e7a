import { Construct } from 'constructs';
import { Lb } from '@cdktf/provider-aws/lib/lb/index.js';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener/index.js';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group/index.js';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group/index.js';
import { allowTcp, type Network } from './network.js';
import type { DeploySettings } from '../deploy-settings.js';

/** The port every Seam container listens on. */
export const CONTAINER_PORT = 3000;

/**
 * The public front door: an Application Load Balancer in the public subnets that forwards to
 * the web tasks in the private ones (readiness: `/health/ready`). With a certificate it serves
 * HTTPS and redirects HTTP; without one it serves plain HTTP (for a first deployment only).
 */
export class LoadBalancer extends Construct {
  readonly loadBalancer: Lb;
  readonly targetGroup: LbTargetGroup;
  readonly securityGroup: SecurityGroup;
  /** A target group can serve an ECS service only once a listener puts it behind the ALB. */
  readonly listeners: LbListener[] = [];

  constructor(
    scope: Construct,
    id: string,
    props: { settings: DeploySettings; network: Network; certificateArn?: string },
  ) {
    super(scope, id);
    const { network, certificateArn } = props;
    const { prefix } = props.settings;
    this.securityGroup = new SecurityGroup(this, 'security-group', {
      name: `${prefix}-alb`,
      description: 'Seam load balancer: HTTP(S) from the internet, to the web tasks',
      vpcId: network.vpc.id,
      tags: { Name: `${prefix}-alb` },
    });
    for (const port of certificateArn ? [80, 443] : [80])
      allowTcp(this, `in-${port}`, {
        securityGroupId: this.securityGroup.id,
        direction: 'ingress',
        port,
        cidrIpv4: '0.0.0.0/0',
        description: `Port ${port} from the internet`,
      });
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
    this.loadBalancer = new Lb(this, 'alb', {
      name: prefix,
      loadBalancerType: 'application',
      internal: false,
      subnets: network.publicSubnets.map((subnet) => subnet.id),
      securityGroups: [this.securityGroup.id],
      dropInvalidHeaderFields: true,
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
}
