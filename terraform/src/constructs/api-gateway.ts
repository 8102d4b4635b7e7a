import { Construct } from 'constructs';
import { Apigatewayv2Api } from '@cdktf/provider-aws/lib/apigatewayv2-api/index.js';
import { Apigatewayv2Authorizer } from '@cdktf/provider-aws/lib/apigatewayv2-authorizer/index.js';
import { Apigatewayv2Integration } from '@cdktf/provider-aws/lib/apigatewayv2-integration/index.js';
import { Apigatewayv2Route } from '@cdktf/provider-aws/lib/apigatewayv2-route/index.js';
import { Apigatewayv2Stage } from '@cdktf/provider-aws/lib/apigatewayv2-stage/index.js';
import { Apigatewayv2VpcLink } from '@cdktf/provider-aws/lib/apigatewayv2-vpc-link/index.js';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group/index.js';
import type { DeploySettings } from '../deploy-settings.js';
import type { Topology } from '../topology.js';
import type { LoadBalancer } from './load-balancer.js';
import type { Network } from './network.js';

/** Swagger UI and its document: every Seam process serves them; the document does not list them. */
const DOCUMENTATION_ROUTES = ['GET /docs', 'GET /docs/{proxy+}'];

/**
 * The routes the gateway lets through without a JWT: every operation that the OpenAPI document
 * (docs/openapi.json) marks `security: []`, which is what `@Public()` gives a route, plus the
 * documentation. Everything else needs a valid JWT of the topology's issuer and audience before
 * it reaches the service, which checks the token again. Development routes under `/dev/` stay
 * behind the JWT even though they are public locally: a deployment that turned development
 * tokens on by mistake must not hand them out.
 *
 * @example
 * publicRoutesOf(readFileSync('docs/openapi.json', 'utf8')); // ['GET /docs', …, 'GET /shipping/quote']
 */
export function publicRoutesOf(openApiDocument: string): string[] {
  const { paths } = JSON.parse(openApiDocument) as {
    paths: Record<string, Record<string, { security?: unknown[] }>>;
  };
  const documented = Object.entries(paths)
    .filter(([path]) => !path.startsWith('/dev/'))
    .flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, operation]) => operation.security?.length === 0)
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
  return [...DOCUMENTATION_ROUTES, ...documented];
}

/**
 * `frontDoor.kind: "apigateway"`: an API Gateway HTTP API in front of an internal ALB, reached
 * through a VPC link. A JWT authorizer on the same issuer and audience as the code's
 * (`auth` in the topology), throttling on every route, JSON access logs. HTTP APIs cannot carry
 * AWS WAF: the web ACL stays on the (internal) ALB.
 */
export class ApiGateway extends Construct {
  readonly api: Apigatewayv2Api;
  readonly stage: Apigatewayv2Stage;

  constructor(
    scope: Construct,
    id: string,
    props: {
      settings: DeploySettings;
      network: Network;
      loadBalancer: LoadBalancer;
      auth: NonNullable<Topology['auth']>;
      throttle: { rateLimit: number; burstLimit: number };
      logRetentionDays: number;
      /** From `publicRoutesOf(docs/openapi.json)`. */
      publicRoutes: readonly string[];
    },
  ) {
    super(scope, id);
    const { prefix, environment } = props.settings;
    const link = new Apigatewayv2VpcLink(this, 'vpc-link', {
      name: prefix,
      subnetIds: props.network.privateSubnets.map((subnet) => subnet.id),
      securityGroupIds: [props.loadBalancer.vpcLinkSecurityGroup!.id],
    });
    this.api = new Apigatewayv2Api(this, 'api', {
      name: prefix,
      protocolType: 'HTTP',
      description: 'Seam API: JWT-checked routes to the internal load balancer',
    });
    const authorizer = new Apigatewayv2Authorizer(this, 'jwt', {
      apiId: this.api.id,
      name: 'jwt',
      authorizerType: 'JWT',
      identitySources: ['$request.header.Authorization'],
      jwtConfiguration: { issuer: props.auth.issuer, audience: [props.auth.audience] },
    });
    const integration = new Apigatewayv2Integration(this, 'alb', {
      apiId: this.api.id,
      integrationType: 'HTTP_PROXY',
      integrationMethod: 'ANY',
      connectionType: 'VPC_LINK',
      connectionId: link.id,
      integrationUri: props.loadBalancer.listeners[0]!.arn,
      payloadFormatVersion: '1.0',
      timeoutMilliseconds: 29_000,
    });
    const target = `integrations/${integration.id}`;
    new Apigatewayv2Route(this, 'default', {
      apiId: this.api.id,
      routeKey: '$default',
      target,
      authorizationType: 'JWT',
      authorizerId: authorizer.id,
    });
    props.publicRoutes.forEach(
      (routeKey, index) =>
        new Apigatewayv2Route(this, `public-${index}`, {
          apiId: this.api.id,
          routeKey,
          target,
          authorizationType: 'NONE',
        }),
    );
    const logs = new CloudwatchLogGroup(this, 'access-logs', {
      name: `/seam/${environment}/api-gateway`,
      retentionInDays: props.logRetentionDays,
    });
    this.stage = new Apigatewayv2Stage(this, 'stage', {
      apiId: this.api.id,
      name: '$default',
      autoDeploy: true,
      defaultRouteSettings: {
        throttlingRateLimit: props.throttle.rateLimit,
        throttlingBurstLimit: props.throttle.burstLimit,
      },
      accessLogSettings: {
        destinationArn: logs.arn,
        format: JSON.stringify({
          requestId: '$context.requestId',
          ip: '$context.identity.sourceIp',
          requestTime: '$context.requestTime',
          method: '$context.httpMethod',
          path: '$context.path',
          routeKey: '$context.routeKey',
          status: '$context.status',
          latencyMs: '$context.responseLatency',
          integrationStatus: '$context.integrationStatus',
          authorizerError: '$context.authorizer.error',
          sub: '$context.authorizer.claims.sub',
        }),
      },
    });
  }
}
