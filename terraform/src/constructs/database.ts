import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { DataAwsSecretsmanagerRandomPassword } from '@cdktf/provider-aws/lib/data-aws-secretsmanager-random-password/index.js';
import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group/index.js';
import { RdsCluster } from '@cdktf/provider-aws/lib/rds-cluster/index.js';
import { RdsClusterInstance } from '@cdktf/provider-aws/lib/rds-cluster-instance/index.js';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret/index.js';
import { SecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/secretsmanager-secret-version/index.js';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group/index.js';
import type { Topology } from '../topology.js';
import { allowTcp, type Network } from './network.js';
import type { DeploySettings } from '../deploy-settings.js';

export const DATABASE_NAME = 'seam';
export const ADMIN_USER = 'seam_admin';

/**
 * Aurora Serverless v2 PostgreSQL in the private subnets, encrypted, never public. RDS keeps
 * the admin password in its own secret (`manage_master_user_password`). Each module gets the
 * secret `seam/<env>/db/<module>` for its role `seam_<module>`; the migrator sets the role's
 * password from it (decision 0008), and rotations change the secret, not Terraform.
 */
export class Database extends Construct {
  readonly cluster: RdsCluster;
  /** What must exist before anything connects: a cluster has no endpoint to serve until then. */
  readonly instances: RdsClusterInstance[] = [];
  /** The RDS-managed secret of the admin login (JSON with `username` and `password`). */
  readonly adminSecretArn: string;
  /** Module name → the ARN of its role's secret. */
  readonly moduleSecretArns: ReadonlyMap<string, string>;

  constructor(
    scope: Construct,
    id: string,
    props: {
      settings: DeploySettings;
      network: Network;
      database: Topology['database'];
      modules: readonly string[];
    },
  ) {
    super(scope, id);
    const { network, database } = props;
    const { prefix, environment } = props.settings;
    const securityGroup = new SecurityGroup(this, 'security-group', {
      name: `${prefix}-database`,
      description: 'Aurora PostgreSQL: reachable from Seam tasks only',
      vpcId: network.vpc.id,
      tags: { Name: `${prefix}-database` },
    });
    allowTcp(this, 'postgres-from-services', {
      securityGroupId: securityGroup.id,
      direction: 'ingress',
      port: 5432,
      referencedSecurityGroupId: network.serviceSecurityGroup.id,
      description: 'PostgreSQL from Seam tasks',
    });
    const subnets = new DbSubnetGroup(this, 'subnets', {
      name: prefix,
      subnetIds: network.privateSubnets.map((subnet) => subnet.id),
    });
    this.cluster = new RdsCluster(this, 'cluster', {
      clusterIdentifier: prefix,
      engine: 'aurora-postgresql',
      engineMode: 'provisioned',
      engineVersion: database.engineVersion,
      databaseName: DATABASE_NAME,
      masterUsername: ADMIN_USER,
      manageMasterUserPassword: true,
      storageEncrypted: true,
      deletionProtection: database.deletionProtection,
      backupRetentionPeriod: database.backupRetentionDays,
      copyTagsToSnapshot: true,
      skipFinalSnapshot: !database.deletionProtection,
      finalSnapshotIdentifier: database.deletionProtection ? `${prefix}-final` : undefined,
      dbSubnetGroupName: subnets.name,
      vpcSecurityGroupIds: [securityGroup.id],
      enabledCloudwatchLogsExports: ['postgresql'],
      serverlessv2ScalingConfiguration: {
        minCapacity: database.minCapacity,
        maxCapacity: database.maxCapacity,
        // Non-production only (the topology refuses it elsewhere): min 0 ACU, paused when idle.
        secondsUntilAutoPause: database.autoPauseSeconds,
      },
    });
    for (let index = 0; index < database.instances; index++)
      this.instances[index] = new RdsClusterInstance(this, `instance-${index}`, {
        identifier: `${prefix}-${index + 1}`,
        clusterIdentifier: this.cluster.id,
        instanceClass: 'db.serverless',
        engine: this.cluster.engine,
        engineVersion: this.cluster.engineVersion,
        publiclyAccessible: false,
        performanceInsightsEnabled: true,
      });
    this.adminSecretArn = this.cluster.masterUserSecret.get(0).secretArn;

    const secrets = new Map<string, string>();
    for (const module of props.modules) {
      const secret = new SecretsmanagerSecret(this, `secret-${module}`, {
        name: moduleSecretName(environment, module),
        description: `Login of the ${module} module's database role`,
        recoveryWindowInDays: 7,
      });
      const password = new DataAwsSecretsmanagerRandomPassword(this, `password-${module}`, {
        passwordLength: 40,
        excludePunctuation: true,
      });
      new SecretsmanagerSecretVersion(this, `secret-${module}-value`, {
        secretId: secret.id,
        secretString: Fn.jsonencode({
          engine: 'postgres',
          host: this.cluster.endpoint,
          port: 5432,
          dbname: DATABASE_NAME,
          username: `seam_${module}`,
          password: password.randomPassword,
        }),
        // Set once; afterwards rotations own the value and Terraform must not put it back.
        lifecycle: { ignoreChanges: ['secret_string'] },
      });
      secrets.set(module, secret.arn);
    }
    this.moduleSecretArns = secrets;
  }
}

/** The name the code reads a module's database login from (decision 0008). */
export function moduleSecretName(environment: string, module: string): string {
  return `seam/${environment}/db/${module}`;
}
