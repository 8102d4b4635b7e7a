import { TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { EcrLifecyclePolicy } from '@cdktf/provider-aws/lib/ecr-lifecycle-policy/index.js';
import { EcrRepository } from '@cdktf/provider-aws/lib/ecr-repository/index.js';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider/index.js';
import type { DeploySettings } from '../deploy-settings.js';
import { useStateBackend } from './state-backend.js';

/**
 * The image repository, deployed first and on its own: the image must be pushed before the
 * services that run it can start (docs/deploy.md). Tags are immutable, images scanned on push,
 * and untagged images expire.
 */
export class RegistryStack extends TerraformStack {
  readonly repository: EcrRepository;

  constructor(scope: Construct, id: string, settings: DeploySettings) {
    super(scope, id);
    new AwsProvider(this, 'aws', awsProviderConfig(settings));
    useStateBackend(this, settings);
    this.repository = new EcrRepository(this, 'repository', {
      name: repositoryName(settings),
      imageTagMutability: 'IMMUTABLE',
      imageScanningConfiguration: { scanOnPush: true },
      encryptionConfiguration: [{ encryptionType: 'AES256' }],
    });
    new EcrLifecyclePolicy(this, 'keep-recent', {
      repository: this.repository.name,
      policy: JSON.stringify({
        rules: [
          {
            rulePriority: 1,
            // Tagged images stay: any of them may be what a task runs or a rollback needs.
            description: 'Expire untagged images after 14 days',
            selection: {
              tagStatus: 'untagged',
              countType: 'sinceImagePushed',
              countUnit: 'days',
              countNumber: 14,
            },
            action: { type: 'expire' },
          },
        ],
      }),
    });
    new TerraformOutput(this, 'repository_url', { value: this.repository.repositoryUrl });
  }
}

/** `seam-<env>`: one repository per environment. */
export function repositoryName(settings: DeploySettings): string {
  return settings.prefix;
}

/** The provider of every stack: the one account and region, and tags on everything. */
export function awsProviderConfig(settings: DeploySettings) {
  return {
    region: settings.region,
    allowedAccountIds: [settings.account],
    defaultTags: [{ tags: { application: 'seam', environment: settings.environment } }],
  };
}
