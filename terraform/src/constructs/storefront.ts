import { Construct } from 'constructs';
import { CloudfrontCachePolicy } from '@cdktf/provider-aws/lib/cloudfront-cache-policy/index.js';
import { CloudfrontDistribution } from '@cdktf/provider-aws/lib/cloudfront-distribution/index.js';
import { CloudfrontFunction } from '@cdktf/provider-aws/lib/cloudfront-function/index.js';
import { CloudfrontOriginAccessControl } from '@cdktf/provider-aws/lib/cloudfront-origin-access-control/index.js';
import { CloudfrontResponseHeadersPolicy } from '@cdktf/provider-aws/lib/cloudfront-response-headers-policy/index.js';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket/index.js';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy/index.js';
import { S3Object } from '@cdktf/provider-aws/lib/s3-object/index.js';
import type { StorefrontConfigDocument } from '#platform/http';
import type { DeploySettings } from '../deploy-settings.js';
import { privateBucket } from './private-bucket.js';

/** AWS managed cache policy `Managed-CachingDisabled` (the same id in every account). */
export const CACHING_DISABLED_POLICY = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
/**
 * AWS managed origin request policy `Managed-AllViewerExceptHostHeader`: every viewer header,
 * cookie and query string; with caching disabled it forwards `Authorization` too.
 */
export const ALL_VIEWER_EXCEPT_HOST_POLICY = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';
/** The longest a static asset stays cached (one year); the release marks `index.html` no-cache. */
export const STATIC_MAX_TTL = 31_536_000;
/** The API paths CloudFront sends to the load balancer. */
export const API_PATH = '/api/*';

/**
 * The storefront (the SPA in apps/storefront): a private S3 bucket that only this CloudFront
 * distribution reads (Origin Access Control, SigV4), served with a long-TTL cache policy,
 * security headers and HTTPS only; `/api/*` goes to the load balancer uncached with every viewer
 * header, cookie and query string. Paths without a file extension are rewritten to
 * `/index.html` by a CloudFront Function (client-side routing) rather than by custom error
 * responses, which would also turn the API's 403/404 answers into the SPA page.
 * Terraform creates the bucket and `config.json` (how the SPA signs in, {@link publishConfig});
 * the release uploads the SPA's files (docs/deploy.md).
 */
export class Storefront extends Construct {
  readonly bucket: S3Bucket;
  readonly distribution: CloudfrontDistribution;

  constructor(
    scope: Construct,
    id: string,
    props: {
      settings: DeploySettings;
      /** The API origin: the ALB's DNS name, or a name on its certificate when it serves HTTPS. */
      api: { domainName: string; https: boolean };
      /** Origins the SPA may fetch from besides its own (the identity provider). */
      connectSources: readonly string[];
    },
  ) {
    super(scope, id);
    const { prefix, account } = props.settings;
    // Versioned: a bad upload is undone by restoring the previous objects (docs/deploy.md).
    this.bucket = privateBucket(this, 'bucket', `${prefix}-storefront-${account}`, {
      versioned: true,
    });
    const oac = new CloudfrontOriginAccessControl(this, 'oac', {
      name: `${prefix}-storefront`,
      description: 'CloudFront reads the storefront bucket',
      originAccessControlOriginType: 's3',
      signingBehavior: 'always',
      signingProtocol: 'sigv4',
    });
    const staticCache = new CloudfrontCachePolicy(this, 'static-cache', {
      name: `${prefix}-storefront-static`,
      comment: 'Static assets: long TTL, honours the Cache-Control the release uploads with',
      minTtl: 0,
      defaultTtl: 86_400,
      maxTtl: STATIC_MAX_TTL,
      parametersInCacheKeyAndForwardedToOrigin: {
        enableAcceptEncodingBrotli: true,
        enableAcceptEncodingGzip: true,
        cookiesConfig: { cookieBehavior: 'none' },
        headersConfig: { headerBehavior: 'none' },
        queryStringsConfig: { queryStringBehavior: 'none' },
      },
    });
    const csp = [
      "default-src 'self'",
      `connect-src 'self' ${props.connectSources.join(' ')}`.trim(),
      "img-src 'self' data:",
      "style-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "frame-ancestors 'none'",
    ].join('; ');
    const headers = new CloudfrontResponseHeadersPolicy(this, 'security-headers', {
      name: `${prefix}-storefront-security`,
      comment: 'HSTS, CSP, nosniff, frame denial, referrer policy',
      securityHeadersConfig: {
        strictTransportSecurity: {
          accessControlMaxAgeSec: 63_072_000,
          includeSubdomains: true,
          preload: true,
          override: true,
        },
        contentSecurityPolicy: { contentSecurityPolicy: csp, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: 'DENY', override: true },
        referrerPolicy: { referrerPolicy: 'strict-origin-when-cross-origin', override: true },
        xssProtection: { protection: true, modeBlock: true, override: true },
      },
    });
    const spaRouting = new CloudfrontFunction(this, 'spa-routing', {
      name: `${prefix}-storefront-routing`,
      runtime: 'cloudfront-js-2.0',
      comment: 'Paths without a file extension are the SPA: /index.html',
      publish: true,
      code: SPA_ROUTING_FUNCTION,
    });
    // The API serves /orders, /catalog/…: the /api prefix exists only on the storefront's domain.
    const stripApi = new CloudfrontFunction(this, 'api-prefix', {
      name: `${prefix}-storefront-api-prefix`,
      runtime: 'cloudfront-js-2.0',
      comment: 'Strips /api from API paths: /api/orders reaches the ALB as /orders',
      publish: true,
      code: STRIP_API_PREFIX_FUNCTION,
    });
    const s3Origin = 'storefront-bucket';
    const apiOrigin = 'api';
    this.distribution = new CloudfrontDistribution(this, 'distribution', {
      enabled: true,
      comment: `${prefix} storefront and API`,
      defaultRootObject: 'index.html',
      httpVersion: 'http2and3',
      isIpv6Enabled: true,
      priceClass: 'PriceClass_100',
      origin: [
        {
          originId: s3Origin,
          domainName: this.bucket.bucketRegionalDomainName,
          originAccessControlId: oac.id,
        },
        {
          originId: apiOrigin,
          domainName: props.api.domainName,
          customOriginConfig: {
            httpPort: 80,
            httpsPort: 443,
            originProtocolPolicy: props.api.https ? 'https-only' : 'http-only',
            originSslProtocols: ['TLSv1.2'],
            originReadTimeout: 30,
          },
        },
      ],
      defaultCacheBehavior: {
        targetOriginId: s3Origin,
        viewerProtocolPolicy: 'redirect-to-https',
        allowedMethods: ['GET', 'HEAD', 'OPTIONS'],
        cachedMethods: ['GET', 'HEAD'],
        compress: true,
        cachePolicyId: staticCache.id,
        responseHeadersPolicyId: headers.id,
        functionAssociation: [{ eventType: 'viewer-request', functionArn: spaRouting.arn }],
      },
      orderedCacheBehavior: [
        {
          pathPattern: API_PATH,
          targetOriginId: apiOrigin,
          viewerProtocolPolicy: 'redirect-to-https',
          allowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'POST', 'PATCH', 'DELETE'],
          cachedMethods: ['GET', 'HEAD'],
          compress: true,
          cachePolicyId: CACHING_DISABLED_POLICY,
          originRequestPolicyId: ALL_VIEWER_EXCEPT_HOST_POLICY,
          responseHeadersPolicyId: headers.id,
          functionAssociation: [{ eventType: 'viewer-request', functionArn: stripApi.arn }],
        },
      ],
      restrictions: { geoRestriction: { restrictionType: 'none' } },
      // No domain is provisioned yet (docs/deploy.md): the *.cloudfront.net certificate.
      viewerCertificate: { cloudfrontDefaultCertificate: true },
    });
    new S3BucketPolicy(this, 'bucket-policy', {
      bucket: this.bucket.id,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'CloudFrontReadsThroughOac',
            Effect: 'Allow',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Action: 's3:GetObject',
            Resource: `${this.bucket.arn}/*`,
            Condition: { StringEquals: { 'AWS:SourceArn': this.distribution.arn } },
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
  }

  /**
   * Writes `/config.json`: the API under `/api`, and how customers sign in (the issuer, the
   * SPA's client id and scope). Never cached for long: a new issuer or client takes effect on
   * the next page load.
   */
  publishConfig(document: StorefrontConfigDocument): S3Object {
    return new S3Object(this, 'config', {
      bucket: this.bucket.id,
      key: STOREFRONT_CONFIG_KEY,
      content: JSON.stringify(document),
      contentType: 'application/json',
      cacheControl: 'no-cache',
    });
  }
}

/** The storefront's runtime configuration in its bucket; the release's sync leaves it alone. */
export const STOREFRONT_CONFIG_KEY = 'config.json';

/** CloudFront Function (cloudfront-js-2.0): SPA routes → /index.html; files pass through. */
export const SPA_ROUTING_FUNCTION = `function handler(event) {
  var request = event.request;
  var last = request.uri.split('/').pop();
  if (last.indexOf('.') === -1) request.uri = '/index.html';
  return request;
}
`;

/** CloudFront Function (cloudfront-js-2.0): `/api/orders?x` reaches the API as `/orders?x`. */
export const STRIP_API_PREFIX_FUNCTION = `function handler(event) {
  var request = event.request;
  request.uri = request.uri.replace(/^\\/api(?=\\/|$)/, '') || '/';
  return request;
}
`;
