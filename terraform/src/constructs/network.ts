import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { DataAwsAvailabilityZones } from '@cdktf/provider-aws/lib/data-aws-availability-zones/index.js';
import { Eip } from '@cdktf/provider-aws/lib/eip/index.js';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway/index.js';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway/index.js';
import { Route } from '@cdktf/provider-aws/lib/route/index.js';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table/index.js';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association/index.js';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group/index.js';
import { Subnet } from '@cdktf/provider-aws/lib/subnet/index.js';
import { Vpc } from '@cdktf/provider-aws/lib/vpc/index.js';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule/index.js';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule/index.js';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint/index.js';
import type { Topology } from '../topology.js';
import type { DeploySettings } from '../deploy-settings.js';

/**
 * The AWS APIs services reach through interface endpoints, so their traffic stays in the VPC:
 * SQS, SNS, Secrets Manager, AppConfig (control and data), Step Functions, ECR, CloudWatch Logs.
 */
export const INTERFACE_ENDPOINTS = [
  'sqs',
  'sns',
  'secretsmanager',
  'appconfig',
  'appconfigdata',
  'states',
  'ecr.api',
  'ecr.dkr',
  'logs',
] as const;

/**
 * A VPC over `availabilityZones` zones. Services, the database and the endpoints live in
 * private subnets; public subnets hold only the load balancer and one NAT gateway per zone.
 * AWS APIs are reached through endpoints (S3, for image layers, is a gateway endpoint); the NAT
 * gateways carry what has none: the identity provider's JWKS, a card payment gateway.
 */
export class Network extends Construct {
  readonly vpc: Vpc;
  readonly privateSubnets: Subnet[];
  readonly publicSubnets: Subnet[];
  /** Tasks, App Runner's connector and MWAA sit in this group; the database admits it. */
  readonly serviceSecurityGroup: SecurityGroup;

  constructor(
    scope: Construct,
    id: string,
    props: { settings: DeploySettings; network: Topology['network'] },
  ) {
    super(scope, id);
    const { network } = props;
    const { prefix, region } = props.settings;
    const zones = new DataAwsAvailabilityZones(this, 'zones', { state: 'available' });
    this.vpc = new Vpc(this, 'vpc', {
      cidrBlock: network.cidr,
      enableDnsHostnames: true,
      enableDnsSupport: true,
      tags: { Name: prefix },
    });
    const octets = network.cidr.split('.');
    const block = (third: number, size: number) => `${octets[0]}.${octets[1]}.${third}.0/${size}`;
    const zoneIndexes = [...Array(network.availabilityZones).keys()];
    const zone = (index: number) => Fn.element(zones.names, index);

    this.publicSubnets = zoneIndexes.map(
      (index) =>
        new Subnet(this, `public-${index}`, {
          vpcId: this.vpc.id,
          availabilityZone: zone(index),
          cidrBlock: block(192 + index, 24),
          mapPublicIpOnLaunch: false,
          tags: { Name: `${prefix}-public-${index}`, tier: 'public' },
        }),
    );
    this.privateSubnets = zoneIndexes.map(
      (index) =>
        new Subnet(this, `private-${index}`, {
          vpcId: this.vpc.id,
          availabilityZone: zone(index),
          cidrBlock: block(index * 32, 19),
          mapPublicIpOnLaunch: false,
          tags: { Name: `${prefix}-private-${index}`, tier: 'private' },
        }),
    );

    const gateway = new InternetGateway(this, 'internet', {
      vpcId: this.vpc.id,
      tags: { Name: prefix },
    });
    const publicRoutes = new RouteTable(this, 'public-routes', {
      vpcId: this.vpc.id,
      tags: { Name: `${prefix}-public` },
    });
    new Route(this, 'public-default', {
      routeTableId: publicRoutes.id,
      destinationCidrBlock: '0.0.0.0/0',
      gatewayId: gateway.id,
    });
    this.publicSubnets.forEach(
      (subnet, index) =>
        new RouteTableAssociation(this, `public-routes-${index}`, {
          subnetId: subnet.id,
          routeTableId: publicRoutes.id,
        }),
    );
    const privateRoutes = this.privateSubnets.map((subnet, index) => {
      const nat = new NatGateway(this, `nat-${index}`, {
        allocationId: new Eip(this, `nat-ip-${index}`, { domain: 'vpc' }).allocationId,
        subnetId: this.publicSubnets[index]!.id,
        tags: { Name: `${prefix}-${index}` },
        dependsOn: [gateway],
      });
      const table = new RouteTable(this, `private-routes-${index}`, {
        vpcId: this.vpc.id,
        tags: { Name: `${prefix}-private-${index}` },
      });
      new Route(this, `private-default-${index}`, {
        routeTableId: table.id,
        destinationCidrBlock: '0.0.0.0/0',
        natGatewayId: nat.id,
      });
      new RouteTableAssociation(this, `private-routes-assoc-${index}`, {
        subnetId: subnet.id,
        routeTableId: table.id,
      });
      return table;
    });

    this.serviceSecurityGroup = new SecurityGroup(this, 'services', {
      name: `${prefix}-services`,
      description:
        'Seam tasks: egress to the VPC endpoints, the database and, through NAT, the internet',
      vpcId: this.vpc.id,
      tags: { Name: `${prefix}-services` },
    });
    allowTcp(this, 'services-https-out', {
      securityGroupId: this.serviceSecurityGroup.id,
      direction: 'egress',
      port: 443,
      cidrIpv4: '0.0.0.0/0',
      description: 'HTTPS to the AWS endpoints and, through NAT, the internet',
    });
    allowTcp(this, 'services-postgres-out', {
      securityGroupId: this.serviceSecurityGroup.id,
      direction: 'egress',
      port: 5432,
      cidrIpv4: network.cidr,
      description: 'PostgreSQL inside the VPC',
    });
    const endpoints = new SecurityGroup(this, 'endpoints', {
      name: `${prefix}-endpoints`,
      description: 'AWS interface endpoints: HTTPS from inside the VPC',
      vpcId: this.vpc.id,
      tags: { Name: `${prefix}-endpoints` },
    });
    allowTcp(this, 'endpoints-https-in', {
      securityGroupId: endpoints.id,
      direction: 'ingress',
      port: 443,
      cidrIpv4: network.cidr,
      description: 'HTTPS from the VPC',
    });
    for (const service of INTERFACE_ENDPOINTS)
      new VpcEndpoint(this, `endpoint-${service.replace('.', '-')}`, {
        vpcId: this.vpc.id,
        serviceName: `com.amazonaws.${region}.${service}`,
        vpcEndpointType: 'Interface',
        privateDnsEnabled: true,
        subnetIds: this.privateSubnets.map((subnet) => subnet.id),
        securityGroupIds: [endpoints.id],
        tags: { Name: `${prefix}-${service}` },
      });
    new VpcEndpoint(this, 'endpoint-s3', {
      vpcId: this.vpc.id,
      serviceName: `com.amazonaws.${region}.s3`,
      vpcEndpointType: 'Gateway',
      routeTableIds: privateRoutes.map((table) => table.id),
      tags: { Name: `${prefix}-s3` },
    });
  }
}

/** One TCP port opened in a security group, to a CIDR block or another group. */
export function allowTcp(
  scope: Construct,
  id: string,
  rule: {
    securityGroupId: string;
    direction: 'ingress' | 'egress';
    port: number;
    description: string;
    cidrIpv4?: string;
    referencedSecurityGroupId?: string;
  },
): void {
  const props = {
    securityGroupId: rule.securityGroupId,
    ipProtocol: 'tcp',
    fromPort: rule.port,
    toPort: rule.port,
    description: rule.description,
    cidrIpv4: rule.cidrIpv4,
    referencedSecurityGroupId: rule.referencedSecurityGroupId,
  };
  if (rule.direction === 'ingress') new VpcSecurityGroupIngressRule(scope, id, props);
  else new VpcSecurityGroupEgressRule(scope, id, props);
}
