import { S3Backend, type TerraformStack } from 'cdktf';
import type { DeploySettings } from '../deploy-settings.js';

/**
 * Keeps the stack's state in S3 (`seam/<env>/<stack>.tfstate`, encrypted) when
 * SEAM_TF_STATE_BUCKET is set, locked by the DynamoDB table SEAM_TF_LOCK_TABLE or, without one,
 * by S3's own lock file. Otherwise the state stays in a local file next to cdktf.out.
 */
export function useStateBackend(stack: TerraformStack, settings: DeploySettings): void {
  if (!settings.backend) return;
  new S3Backend(stack, {
    bucket: settings.backend.bucket,
    key: `seam/${settings.environment}/${stack.node.id}.tfstate`,
    region: settings.region,
    encrypt: true,
    dynamodbTable: settings.backend.lockTable,
  });
  if (!settings.backend.lockTable) stack.addOverride('terraform.backend.s3.use_lockfile', true);
}
