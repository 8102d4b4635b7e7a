import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket/index.js';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls/index.js';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block/index.js';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration/index.js';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning/index.js';
import type { Construct } from 'constructs';

/**
 * A bucket nobody outside the account reads: public access blocked, objects owned by the
 * bucket owner (no ACLs), SSE-S3 (what CloudTrail and ELB log delivery support), and versioned
 * when asked. Its resources are `<id>`, `<id>-private`, `<id>-ownership`, `<id>-encryption` and
 * `<id>-versioning` in `scope`; policies and lifecycle rules are the caller's.
 *
 * @example
 * const logs = privateBucket(this, 'access-logs', `${prefix}-alb-logs-${account}`);
 */
export function privateBucket(
  scope: Construct,
  id: string,
  name: string,
  options: { versioned?: boolean } = {},
): S3Bucket {
  const bucket = new S3Bucket(scope, id, { bucket: name, forceDestroy: false });
  new S3BucketPublicAccessBlock(scope, `${id}-private`, {
    bucket: bucket.id,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
  });
  new S3BucketOwnershipControls(scope, `${id}-ownership`, {
    bucket: bucket.id,
    rule: { objectOwnership: 'BucketOwnerEnforced' },
  });
  new S3BucketServerSideEncryptionConfigurationA(scope, `${id}-encryption`, {
    bucket: bucket.id,
    rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
  });
  if (options.versioned)
    new S3BucketVersioningA(scope, `${id}-versioning`, {
      bucket: bucket.id,
      versioningConfiguration: { status: 'Enabled' },
    });
  return bucket;
}
