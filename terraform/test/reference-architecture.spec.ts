import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { MODULES } from '#monolith/modules';
import { HTTPS_RULE, MANAGED_RULES } from '../src/constructs/auditing.js';
import { SAVED_QUERIES } from '../src/constructs/observability.js';
import {
  ALL_VIEWER_EXCEPT_HOST_POLICY,
  API_PATH,
  CACHING_DISABLED_POLICY,
  STATIC_MAX_TTL,
} from '../src/constructs/storefront.js';
import { loadTopology, parseTopology } from '../src/topology.js';
import { OPENAPI_FILE, synthesize, topology, type Json } from './synthesized.js';

/** Issue 17, the rest of the reference architecture: checked on the synthesized JSON. */

const modules = MODULES.map((entry) => entry.name);
const certificateArn = 'arn:aws:acm:eu-west-1:123456789012:certificate/abc';

describe('storefront hosting', () => {
  const { main } = synthesize();
  const bucket = main.one('aws_s3_bucket', (b) => /storefront/.test(b.bucket as string));
  const bucketRef = main.reference('aws_s3_bucket', 'id', (b) => b === bucket);
  const bucketArn = main.reference('aws_s3_bucket', 'arn', (b) => b === bucket);
  const distribution = main.one('aws_cloudfront_distribution', () => true);

  it('keeps the bucket private and encrypted, readable by the distribution only (OAC)', () => {
    expect(bucket.bucket).toBe('seam-test-storefront-123456789012');
    expect(
      main.one('aws_s3_bucket_public_access_block', (b) => b.bucket === bucketRef),
    ).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(
      main.one('aws_s3_bucket_server_side_encryption_configuration', (b) => b.bucket === bucketRef)
        .rule[0].apply_server_side_encryption_by_default.sse_algorithm,
    ).toBe('AES256');
    expect(main.one('aws_cloudfront_origin_access_control', () => true)).toMatchObject({
      origin_access_control_origin_type: 's3',
      signing_behavior: 'always',
      signing_protocol: 'sigv4',
    });
    const s3Origin = distribution.origin.find((o: Json) => o.origin_id === 'storefront-bucket');
    expect(s3Origin.origin_access_control_id).toBe(
      main.reference('aws_cloudfront_origin_access_control', 'id', () => true),
    );
    const policy = JSON.parse(
      main.one('aws_s3_bucket_policy', (p) => p.bucket === bucketRef).policy as string,
    );
    const read = policy.Statement.find((s: Json) => s.Sid === 'CloudFrontReadsThroughOac');
    expect(read).toMatchObject({
      Effect: 'Allow',
      Principal: { Service: 'cloudfront.amazonaws.com' },
      Action: 's3:GetObject',
      Resource: `${bucketArn}/*`,
      Condition: {
        StringEquals: {
          'AWS:SourceArn': main.reference('aws_cloudfront_distribution', 'arn', () => true),
        },
      },
    });
    expect(policy.Statement.map((s: Json) => s.Effect)).toEqual(['Allow', 'Deny']);
  });

  it('serves static files with a long-TTL cache policy, HTTPS only, with security headers', () => {
    const behavior = distribution.default_cache_behavior;
    expect(behavior.viewer_protocol_policy).toBe('redirect-to-https');
    expect(behavior.target_origin_id).toBe('storefront-bucket');
    const cache = main.one('aws_cloudfront_cache_policy', () => true);
    expect(behavior.cache_policy_id).toBe(
      main.reference('aws_cloudfront_cache_policy', 'id', () => true),
    );
    expect(cache.max_ttl).toBe(STATIC_MAX_TTL);
    expect(cache.default_ttl).toBeGreaterThanOrEqual(86_400);
    const headers = main.one(
      'aws_cloudfront_response_headers_policy',
      () => true,
    ).security_headers_config;
    expect(headers.strict_transport_security).toMatchObject({
      access_control_max_age_sec: 63_072_000,
      include_subdomains: true,
      override: true,
    });
    expect(headers.content_type_options.override).toBe(true);
    expect(headers.frame_options.frame_option).toBe('DENY');
    expect(headers.content_security_policy.content_security_policy).toMatch(
      /default-src 'self'.*connect-src 'self' https:\/\/cognito-idp\.eu-west-1\.amazonaws\.com.*frame-ancestors 'none'/,
    );
    const headersRef = main.reference('aws_cloudfront_response_headers_policy', 'id', () => true);
    expect(behavior.response_headers_policy_id).toBe(headersRef);
    expect(distribution.ordered_cache_behavior[0].response_headers_policy_id).toBe(headersRef);
    // Client-side routes become /index.html by a function, not by error responses (the API's 404s stay 404s).
    expect(distribution.custom_error_response).toBeUndefined();
    expect(behavior.function_association[0].event_type).toBe('viewer-request');
    const spa = main.one('aws_cloudfront_function', (f) => /routing/.test(f.name as string));
    const route = new Function(`${spa.code as string}; return handler;`)() as (e: Json) => Json;
    expect(route({ request: { uri: '/orders/42' } }).uri).toBe('/index.html');
    expect(route({ request: { uri: '/assets/app.3f2a.js' } }).uri).toBe('/assets/app.3f2a.js');
  });

  it('routes /api/* to the load balancer uncached, with every viewer header and query string', () => {
    const [api] = distribution.ordered_cache_behavior;
    expect(api).toMatchObject({
      path_pattern: API_PATH,
      target_origin_id: 'api',
      viewer_protocol_policy: 'redirect-to-https',
      cache_policy_id: CACHING_DISABLED_POLICY,
      origin_request_policy_id: ALL_VIEWER_EXCEPT_HOST_POLICY,
    });
    // The API has no /api prefix: a viewer-request function strips it.
    const functions = main.resources('aws_cloudfront_function');
    const strip = Object.entries(functions).find(([, f]) => /api-prefix/.test(f.name as string))!;
    expect(api.function_association).toEqual([
      { event_type: 'viewer-request', function_arn: `\${aws_cloudfront_function.${strip[0]}.arn}` },
    ]);
    const handler = new Function(`${strip[1].code as string}; return handler;`)() as (
      e: Json,
    ) => Json;
    expect(handler({ request: { uri: '/api/orders/42' } }).uri).toBe('/orders/42');
    expect(handler({ request: { uri: '/apix' } }).uri).toBe('/apix');
    expect(api.allowed_methods).toEqual(expect.arrayContaining(['POST', 'PUT', 'PATCH', 'DELETE']));
    const origin = distribution.origin.find((o: Json) => o.origin_id === 'api');
    expect(origin.domain_name).toBe(main.reference('aws_lb', 'dns_name', () => true));
    // Staging's ALB has no certificate: plain HTTP between CloudFront and the ALB.
    expect(origin.custom_origin_config.origin_protocol_policy).toBe('http-only');
  });

  it('reaches an HTTPS load balancer by a name on its certificate', () => {
    const json = JSON.parse(JSON.stringify(loadTopology('production', modules))) as Json;
    expect(json.storefront.apiOriginDomain).toBe('api.seam.example.com');
    const withHttps = topology((t) => {
      t.frontDoor = { kind: 'alb', certificateArn };
      t.storefront.apiOriginDomain = 'api.seam.example.com';
    });
    const origin = synthesize({ topology: withHttps })
      .main.one('aws_cloudfront_distribution', () => true)
      .origin.find((o: Json) => o.origin_id === 'api');
    expect(origin.domain_name).toBe('api.seam.example.com');
    expect(origin.custom_origin_config.origin_protocol_policy).toBe('https-only');
    expect(() =>
      topology((t) => {
        t.frontDoor = { kind: 'alb', certificateArn };
        delete t.storefront.apiOriginDomain;
      }),
    ).toThrow(/storefront\.apiOriginDomain: expected a DNS name on the ALB certificate/);
  });
});

describe('auditing and change control', () => {
  const { main } = synthesize();

  it('records every region with a validated CloudTrail trail into a private, encrypted bucket', () => {
    const trail = main.one('aws_cloudtrail', () => true);
    expect(trail).toMatchObject({
      is_multi_region_trail: true,
      include_global_service_events: true,
      enable_log_file_validation: true,
    });
    const bucket = main.reference('aws_s3_bucket', 'id', (b) => /-audit-/.test(b.bucket as string));
    expect(
      main.one('aws_s3_bucket_server_side_encryption_configuration', (b) => b.bucket === bucket)
        .rule[0].apply_server_side_encryption_by_default.sse_algorithm,
    ).toBe('AES256');
    expect(
      main.one('aws_s3_bucket_public_access_block', (b) => b.bucket === bucket)
        .restrict_public_buckets,
    ).toBe(true);
    const policy = JSON.parse(
      main.one('aws_s3_bucket_policy', (p) => p.bucket === bucket).policy as string,
    );
    const sids = policy.Statement.map((s: Json) => s.Sid);
    expect(sids).toEqual(['AWSCloudTrailAclCheck', 'AWSCloudTrailWrite', 'TlsOnly']);
    const write = policy.Statement[1];
    expect(write.Condition.StringEquals).toEqual({
      's3:x-amz-acl': 'bucket-owner-full-control',
      'aws:SourceArn': 'arn:aws:cloudtrail:eu-west-1:123456789012:trail/seam-test-audit',
    });
    expect(trail.depends_on).toContain(
      `aws_s3_bucket_policy.${Object.keys(main.resources('aws_s3_bucket_policy')).find((id) => id.startsWith('auditing'))}`,
    );
  });

  it('runs AWS Config with the managed rules for what Seam deploys', () => {
    expect(main.one('aws_config_configuration_recorder', () => true).recording_group).toEqual({
      all_supported: true,
      include_global_resource_types: true,
    });
    expect(main.one('aws_config_configuration_recorder_status', () => true).is_enabled).toBe(true);
    expect(main.one('aws_config_delivery_channel', () => true).s3_key_prefix).toBe('config');
    const rules = main.list('aws_config_config_rule').map((r) => r.source.source_identifier);
    expect(rules.sort()).toEqual([...MANAGED_RULES].sort());
    // With HTTPS on the ALB the redirection rule joins them.
    const https = synthesize({
      topology: topology((t) => {
        t.frontDoor = { kind: 'alb', certificateArn };
        t.storefront.apiOriginDomain = 'api.seam.example.com';
      }),
    }).main.list('aws_config_config_rule');
    expect(https.map((r) => r.source.source_identifier)).toContain(HTTPS_RULE);
  });

  it('notifies the alarms topic of non-compliance and of security group, IAM and flag changes', () => {
    const topic = main.reference('aws_sns_topic', 'arn', (t) => t.name === 'seam-test-alarms');
    const rules = main.resources('aws_cloudwatch_event_rule');
    const patterns = Object.fromEntries(
      Object.values(rules)
        .filter((r) => r.provider === undefined)
        .map((r) => [r.name, JSON.parse(r.event_pattern as string)]),
    );
    expect(Object.keys(patterns).sort()).toEqual(
      [
        'seam-test-config-noncompliant',
        'seam-test-flag-changes',
        'seam-test-iam-changes',
        'seam-test-security-group-changes',
      ].sort(),
    );
    expect(patterns['seam-test-config-noncompliant'].detail.newEvaluationResult).toEqual({
      complianceType: ['NON_COMPLIANT'],
    });
    expect(patterns['seam-test-security-group-changes']).toMatchObject({
      source: ['aws.ec2'],
      'detail-type': ['AWS API Call via CloudTrail'],
      detail: { eventSource: ['ec2.amazonaws.com'] },
    });
    expect(patterns['seam-test-security-group-changes'].detail.eventName).toContain(
      'AuthorizeSecurityGroupIngress',
    );
    expect(patterns['seam-test-iam-changes'].detail.eventName).toContain('PutRolePolicy');
    expect(patterns['seam-test-flag-changes'].detail.eventSource).toEqual([
      'appconfig.amazonaws.com',
    ]);
    const regional = main
      .list('aws_cloudwatch_event_target')
      .filter((t) => t.provider === undefined);
    expect(regional).toHaveLength(4);
    for (const target of regional) expect(target.arn).toBe(topic);
    // IAM's events arrive in us-east-1 only: forwarded from there to this region's bus.
    const forward = Object.values(rules).find((r) => r.provider === 'aws.global')!;
    expect(forward.name).toBe('seam-test-iam-changes-forward');
    const forwardTarget = main
      .list('aws_cloudwatch_event_target')
      .find((t) => t.provider === 'aws.global')!;
    expect(forwardTarget.arn).toBe('arn:aws:events:eu-west-1:123456789012:event-bus/default');
    const providers = main.json as Json;
    expect(providers.provider.aws.map((p: Json) => p.region).sort()).toEqual([
      'eu-west-1',
      'us-east-1',
    ]);
  });

  it('lets EventBridge publish to the alarms topic, and keeps CloudWatch alarms and the account', () => {
    const policy = JSON.parse(main.one('aws_sns_topic_policy', () => true).policy as string);
    const bySid = Object.fromEntries(policy.Statement.map((s: Json) => [s.Sid, s]));
    expect(bySid.EventBridgeRules).toMatchObject({
      Principal: { Service: 'events.amazonaws.com' },
      Action: 'sns:Publish',
      Condition: {
        ArnLike: { 'aws:SourceArn': 'arn:aws:events:eu-west-1:123456789012:rule/seam-test-*' },
      },
    });
    expect(bySid.CloudWatchAlarms.Principal).toEqual({ Service: 'cloudwatch.amazonaws.com' });
    expect(bySid.AccountOwner.Principal).toEqual({ AWS: 'arn:aws:iam::123456789012:root' });
  });

  it('is left out when the topology turns it off', () => {
    const off = synthesize({ topology: topology((t) => (t.auditing.enabled = false)) }).main;
    expect(off.list('aws_cloudtrail')).toHaveLength(0);
    expect(off.list('aws_config_configuration_recorder')).toHaveLength(0);
    expect((off.json as Json).provider.aws).toHaveLength(1);
  });
});

describe('cost', () => {
  const { main } = synthesize();
  const services = main.list('aws_ecs_service');
  const task = (family: string) =>
    main.one('aws_ecs_task_definition', (t) => t.family === `seam-test-${family}`);

  it('runs web on demand on Graviton, workers and extracted services mostly on Fargate Spot', () => {
    const cluster = main.one('aws_ecs_cluster_capacity_providers', () => true);
    expect(cluster.capacity_providers.sort()).toEqual(['FARGATE', 'FARGATE_SPOT']);
    for (const service of services) {
      expect(service.launch_type).toBeUndefined();
      if (service.name === 'monolith-web')
        expect(service.capacity_provider_strategy).toEqual([
          { capacity_provider: 'FARGATE', base: 1, weight: 1 },
        ]);
      else
        expect(service.capacity_provider_strategy).toEqual([
          { capacity_provider: 'FARGATE', base: 1, weight: 0 },
          { capacity_provider: 'FARGATE_SPOT', weight: 1 },
        ]);
    }
    expect(services.map((s) => s.name).sort()).toEqual([
      'monolith-web',
      'monolith-worker',
      'payments',
    ]);
    // Fargate Spot runs X86_64 only; on-demand tasks run on Graviton.
    expect(task('monolith-web').runtime_platform.cpu_architecture).toBe('ARM64');
    expect(task('migrate').runtime_platform.cpu_architecture).toBe('ARM64');
    expect(task('monolith-worker').runtime_platform.cpu_architecture).toBe('X86_64');
    expect(task('payments').runtime_platform.cpu_architecture).toBe('X86_64');
  });

  it('pauses a non-production database when idle, never production', () => {
    const staging = loadTopology('staging', modules);
    expect(staging.database).toMatchObject({ minCapacity: 0, autoPauseSeconds: 900 });
    const production = loadTopology('production', modules);
    expect(production.database.autoPauseSeconds).toBeUndefined();
    expect(production.database.minCapacity).toBeGreaterThan(0);
    expect(
      main.one('aws_rds_cluster', () => true).serverlessv2_scaling_configuration,
    ).toMatchObject({ min_capacity: 0, seconds_until_auto_pause: 900 });
    const json = JSON.parse(JSON.stringify(staging)) as Json;
    json.frontDoor.certificateArn = certificateArn;
    json.storefront.apiOriginDomain = 'api.seam.example.com';
    expect(() => parseTopology(json, modules, 'p', 'production')).toThrow(
      /database\.autoPauseSeconds: expected nothing: production does not pause its database/,
    );
    json.database.minCapacity = 0.5;
    expect(() => parseTopology(json, modules, 's', 'staging')).toThrow(
      /autoPauseSeconds: expected set exactly when minCapacity is 0/,
    );
  });
});

describe('safe deploys', () => {
  const { main } = synthesize();

  it('rolls every service back on failed tasks and on a rollback alarm', () => {
    const alarms = main.list('aws_cloudwatch_metric_alarm').map((a) => a.alarm_name);
    for (const service of main.list('aws_ecs_service')) {
      expect(service.deployment_circuit_breaker).toEqual({ enable: true, rollback: true });
      expect(service.alarms).toMatchObject({ enable: true, rollback: true });
      const names = service.alarms.alarm_names as string[];
      expect(names.length).toBeGreaterThanOrEqual(2);
      for (const name of names)
        expect(name).toMatch(
          /^\$\{aws_cloudwatch_metric_alarm\.observability_(breaker-opened|server-errors)_\w+\.alarm_name\}$/,
        );
    }
    expect(alarms).toEqual(expect.arrayContaining(['seam-test-breaker-opened', 'seam-test-5xx']));
  });
});

describe('log analysis', () => {
  const { main } = synthesize();

  it('saves Logs Insights queries over every service log group', () => {
    const queries = main.list('aws_cloudwatch_query_definition');
    expect(queries.map((q) => q.name).sort()).toEqual(
      Object.keys(SAVED_QUERIES)
        .map((name) => `seam-test/${name}`)
        .sort(),
    );
    const groups = main
      .list('aws_cloudwatch_log_group')
      .filter((g) =>
        ['monolith-web', 'monolith-worker', 'payments'].some((s) => g.name === `/seam/test/${s}`),
      );
    for (const query of queries) expect(query.log_group_names).toHaveLength(groups.length);
    const byName = Object.fromEntries(queries.map((q) => [q.name, q.query_string as string]));
    expect(byName['seam-test/order-story-by-trace-id']).toMatch(/filter trace_id = "TRACE_ID"/);
    expect(byName['seam-test/order-story-by-order-id']).toMatch(/sort @timestamp asc/);
    expect(byName['seam-test/errors-by-module']).toMatch(/filter level >= 50/);
    expect(byName['seam-test/slow-saga-steps']).toMatch(/by workflow, executionId/);
  });
});

describe('API management: frontDoor.kind "apigateway"', () => {
  const apiGatewayTopology = topology((t) => {
    t.frontDoor = { kind: 'apigateway', throttle: { rateLimit: 50, burstLimit: 100 } };
    t.storefront = { enabled: false };
  });
  const { main } = synthesize({ topology: apiGatewayTopology });

  it('puts an HTTP API with a VPC link in front of an internal ALB', () => {
    expect(main.one('aws_apigatewayv2_api', () => true).protocol_type).toBe('HTTP');
    const alb = main.one('aws_lb', () => true);
    expect(alb.internal).toBe(true);
    const link = main.one('aws_apigatewayv2_vpc_link', () => true);
    const linkGroup = main.reference(
      'aws_security_group',
      'id',
      (g) => g.name === 'seam-test-vpc-link',
    );
    expect(link.security_group_ids).toEqual([linkGroup]);
    const ingress = main
      .list('aws_vpc_security_group_ingress_rule')
      .filter((r) => /load balancer|internet|VPC link/i.test(r.description as string));
    expect(ingress.map((r) => r.cidr_ipv4)).toEqual([undefined]);
    expect(ingress[0]!.referenced_security_group_id).toBe(linkGroup);
    const integration = main.one('aws_apigatewayv2_integration', () => true);
    expect(integration).toMatchObject({
      integration_type: 'HTTP_PROXY',
      connection_type: 'VPC_LINK',
      connection_id: main.reference('aws_apigatewayv2_vpc_link', 'id', () => true),
      integration_uri: main.reference('aws_lb_listener', 'arn', () => true),
    });
  });

  it("checks JWTs of the same issuer and audience (the stack's user pool), except on the public routes", () => {
    const authorizer = main.one('aws_apigatewayv2_authorizer', () => true);
    const pool = main.reference('aws_cognito_user_pool', 'id', () => true);
    expect(authorizer).toMatchObject({
      authorizer_type: 'JWT',
      identity_sources: ['$request.header.Authorization'],
      jwt_configuration: {
        issuer: `https://cognito-idp.eu-west-1.amazonaws.com/${pool}`,
        audience: [main.reference('aws_cognito_user_pool_client', 'id', () => true)],
      },
    });
    const routes = main.list('aws_apigatewayv2_route');
    expect(routes.find((r) => r.route_key === '$default')).toMatchObject({
      authorization_type: 'JWT',
      authorizer_id: main.reference('aws_apigatewayv2_authorizer', 'id', () => true),
    });
    const open = routes.filter((r) => r.authorization_type === 'NONE').map((r) => r.route_key);
    // The operations docs/openapi.json marks public (`@Public()`), and the documentation.
    expect(open.sort()).toEqual(
      [
        'GET /catalog/products',
        'GET /catalog/products/{sku}',
        'GET /docs',
        'GET /docs/{proxy+}',
        'GET /health/live',
        'GET /health/ready',
        'GET /shipping/quote',
      ].sort(),
    );
  });

  it('lets a newly public operation through without a JWT, and never the development token routes', () => {
    const document = JSON.parse(readFileSync(OPENAPI_FILE, 'utf8')) as {
      paths: Record<string, Record<string, unknown>>;
    };
    document.paths['/ledger/rates'] = { get: { security: [], responses: {} } };
    document.paths['/ledger/entries'] = { post: { responses: {} } };
    expect(document.paths['/dev/token']?.post).toMatchObject({ security: [] });
    const { main: withLedger } = synthesize({
      topology: apiGatewayTopology,
      openApiDocument: JSON.stringify(document),
    });
    const open = withLedger
      .list('aws_apigatewayv2_route')
      .filter((r) => r.authorization_type === 'NONE')
      .map((r) => r.route_key);
    expect(open).toContain('GET /ledger/rates');
    expect(open).not.toContain('POST /ledger/entries');
    expect(open.filter((key) => key.includes('/dev/'))).toEqual([]);
  });

  it('throttles every route and writes access logs', () => {
    const stage = main.one('aws_apigatewayv2_stage', () => true);
    expect(stage.default_route_settings).toEqual({
      throttling_rate_limit: 50,
      throttling_burst_limit: 100,
    });
    expect(stage.access_log_settings.destination_arn).toBe(
      main.reference('aws_cloudwatch_log_group', 'arn', (g) => g.name === '/seam/test/api-gateway'),
    );
    expect(JSON.parse(stage.access_log_settings.format as string)).toMatchObject({
      status: '$context.status',
      authorizerError: '$context.authorizer.error',
    });
    expect(main.json.output?.url?.value).toBe(
      main.reference('aws_apigatewayv2_api', 'api_endpoint', () => true),
    );
  });
});
