import { ConfigError, EnvReader } from '#platform/config';
import { QueueNames } from '#platform/messaging';

/** Where Terraform keeps the state of an environment's stacks. */
export interface StateBackend {
  readonly bucket: string;
  /** DynamoDB lock table; without one, S3's own lock file (Terraform 1.10+) locks the state. */
  readonly lockTable?: string;
}

/**
 * What one `cdktf deploy` targets, from the environment (twelve-factor: the same code deploys
 * every environment). Required: `SEAM_ENV`, `SEAM_AWS_ACCOUNT`, `AWS_REGION`, `SEAM_IMAGE_TAG`.
 * Optional: `SEAM_TF_STATE_BUCKET` (with `SEAM_TF_LOCK_TABLE`) for the S3 backend, otherwise
 * state is local, which suits a first look but not a team.
 *
 * @example SEAM_ENV=staging SEAM_AWS_ACCOUNT=123456789012 AWS_REGION=eu-west-1 SEAM_IMAGE_TAG=1f2e3d4 npm run synth
 */
export class DeploySettings {
  constructor(
    /** Environment name: in every resource name, queue prefix and secret name. */
    readonly environment: string,
    readonly account: string,
    readonly region: string,
    /** The tag of the image in the ECR repository that every service runs. */
    readonly imageTag: string,
    readonly backend?: StateBackend,
  ) {}

  static fromEnv(env: Readonly<Record<string, string | undefined>>): DeploySettings {
    const read = new EnvReader(env);
    const required = (key: string, expected: string, pattern: RegExp): string => {
      const value = read.string(key);
      if (value === undefined || !pattern.test(value)) throw new ConfigError(key, expected, value);
      return value;
    };
    const bucket = read.string('SEAM_TF_STATE_BUCKET');
    const lockTable = read.string('SEAM_TF_LOCK_TABLE');
    if (lockTable && !bucket)
      throw new ConfigError(
        'SEAM_TF_STATE_BUCKET',
        'an S3 bucket name (the lock table needs it)',
        bucket,
      );
    return new DeploySettings(
      required(
        'SEAM_ENV',
        'a lower-case environment name of 2-16 letters, digits or -',
        ENVIRONMENT,
      ),
      required('SEAM_AWS_ACCOUNT', 'a 12-digit AWS account id', /^\d{12}$/),
      required('AWS_REGION', 'an AWS region such as eu-west-1', /^[a-z]{2}(-[a-z]+)+-\d$/),
      required(
        'SEAM_IMAGE_TAG',
        'the image tag pushed to ECR (letters, digits, . _ -)',
        /^[\w][\w.-]{0,127}$/,
      ),
      bucket ? { bucket, lockTable } : undefined,
    );
  }

  /** `seam-<env>`: the name every resource of the environment starts with. */
  get prefix(): string {
    return `seam-${this.environment}`;
  }

  /** Queue and topic names, exactly as the code names them (`seam-<env>-<module>`, …). */
  get queueNames(): QueueNames {
    return new QueueNames(`${this.prefix}-`);
  }
}

const ENVIRONMENT = /^[a-z][a-z0-9-]{1,15}$/;
