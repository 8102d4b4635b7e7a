import { Token, type ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { AppconfigApplication } from '@cdktf/provider-aws/lib/appconfig-application/index.js';
import { AppconfigConfigurationProfile } from '@cdktf/provider-aws/lib/appconfig-configuration-profile/index.js';
import { AppconfigDeployment } from '@cdktf/provider-aws/lib/appconfig-deployment/index.js';
import { AppconfigDeploymentStrategy } from '@cdktf/provider-aws/lib/appconfig-deployment-strategy/index.js';
import { AppconfigEnvironment } from '@cdktf/provider-aws/lib/appconfig-environment/index.js';
import { AppconfigHostedConfigurationVersion } from '@cdktf/provider-aws/lib/appconfig-hosted-configuration-version/index.js';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy/index.js';
import type { Topology } from '../topology.js';
import { policyDocument, trustPolicy } from './iam.js';
import type { DeploySettings } from '../deploy-settings.js';

/**
 * The feature flags in AppConfig: an application per environment, a FeatureFlags profile whose
 * hosted version is `terraform/appconfig/feature-flags.json` verbatim (the file the code reads
 * locally and `npm run flags` edits), and a deployment ({@link deploy}) that rolls it out
 * gradually and rolls back when one of `rollbackAlarms` fires.
 */
export class FeatureFlags extends Construct {
  readonly application: AppconfigApplication;
  readonly environment: AppconfigEnvironment;
  readonly profile: AppconfigConfigurationProfile;
  /** The resource that StartConfigurationSession/GetLatestConfiguration are granted on. */
  readonly configurationArn: string;
  private readonly version: AppconfigHostedConfigurationVersion;
  private readonly strategy: AppconfigDeploymentStrategy;

  constructor(
    scope: Construct,
    id: string,
    props: {
      settings: DeploySettings;
      document: string;
      rollbackAlarmArns: readonly string[];
      flags: Topology['flags'];
    },
  ) {
    super(scope, id);
    const { flags } = props;
    const { prefix, environment, account, region } = props.settings;
    if (/[$%]\{/.test(props.document))
      throw new Error('The flag document must not contain "${" or "%{" (Terraform templates)');
    this.application = new AppconfigApplication(this, 'application', {
      name: prefix,
      description: 'Seam feature flags (routing of modules and more)',
    });
    const alarmRole = new IamRole(this, 'alarm-role', {
      name: `${prefix}-appconfig-alarms`,
      assumeRolePolicy: trustPolicy('appconfig.amazonaws.com'),
    });
    new IamRolePolicy(this, 'alarm-role-policy', {
      role: alarmRole.id,
      name: 'read-alarms',
      policy: policyDocument([
        { Sid: 'ReadRollbackAlarms', Action: ['cloudwatch:DescribeAlarms'], Resource: ['*'] },
      ]),
    });
    this.environment = new AppconfigEnvironment(this, 'environment', {
      applicationId: this.application.id,
      name: environment,
      monitor: props.rollbackAlarmArns.map((alarmArn) => ({
        alarmArn,
        alarmRoleArn: alarmRole.arn,
      })),
    });
    this.profile = new AppconfigConfigurationProfile(this, 'profile', {
      applicationId: this.application.id,
      name: 'feature-flags',
      type: 'AWS.AppConfig.FeatureFlags',
      locationUri: 'hosted',
    });
    const version = new AppconfigHostedConfigurationVersion(this, 'version', {
      applicationId: this.application.id,
      configurationProfileId: this.profile.configurationProfileId,
      contentType: 'application/json',
      content: props.document,
      description: 'terraform/appconfig/feature-flags.json',
    });
    const strategy = new AppconfigDeploymentStrategy(this, 'strategy', {
      name: `${prefix}-flags`,
      deploymentDurationInMinutes: flags.deploymentMinutes,
      growthFactor: flags.growthPercent,
      growthType: 'LINEAR',
      finalBakeTimeInMinutes: flags.bakeMinutes,
      replicateTo: 'NONE',
    });
    this.version = version;
    this.strategy = strategy;
    this.configurationArn =
      `arn:aws:appconfig:${region}:${account}:application/${this.application.id}` +
      `/environment/${this.environment.environmentId}/configuration/${this.profile.configurationProfileId}`;
  }

  /**
   * Rolls the hosted version out. On a first deployment, only `after` the services run: the
   * rollback alarms, created with them, have by then left INSUFFICIENT_DATA, which AppConfig
   * would take for an alarm and roll back.
   */
  deploy(after: ITerraformDependable[]): AppconfigDeployment {
    return new AppconfigDeployment(this, 'deployment', {
      applicationId: this.application.id,
      environmentId: this.environment.environmentId,
      configurationProfileId: this.profile.configurationProfileId,
      configurationVersion: Token.asString(this.version.versionNumber),
      deploymentStrategyId: this.strategy.id,
      description: 'Flag document from the repository',
      dependsOn: after,
    });
  }
}
