import { TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { DataAwsEcrRepository } from '@cdktf/provider-aws/lib/data-aws-ecr-repository/index.js';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider/index.js';
import { ApiGateway, publicRoutesOf } from '../constructs/api-gateway.js';
import { Auditing } from '../constructs/auditing.js';
import { CustomerIdentity, STOREFRONT_SCOPES } from '../constructs/customer-identity.js';
import { Database } from '../constructs/database.js';
import { FeatureFlags } from '../constructs/feature-flags.js';
import { LoadBalancer } from '../constructs/load-balancer.js';
import { Messaging } from '../constructs/messaging.js';
import { Mwaa } from '../constructs/mwaa.js';
import { Network } from '../constructs/network.js';
import { Observability } from '../constructs/observability.js';
import { Services } from '../constructs/services.js';
import { Storefront } from '../constructs/storefront.js';
import { Workflows } from '../constructs/workflows.js';
import { ConfigError } from '#platform/config';
import { FlagDocument, routeFlag } from '#platform/flags';
import { DEFAULT_STOREFRONT_SCOPE } from '#platform/http';
import type { DeploySettings } from '../deploy-settings.js';
import type { SystemPlan } from '../system-plan.js';
import type { Topology } from '../topology.js';
import { awsProviderConfig, repositoryName } from './registry-stack.js';
import { useStateBackend } from './state-backend.js';

const FLAG_DOCUMENT = 'terraform/appconfig/feature-flags.json';

/** Inputs of an environment's main stack; files are passed in as text so tests can vary them. */
export interface SeamStackProps {
  readonly settings: DeploySettings;
  readonly topology: Topology;
  readonly plan: SystemPlan;
  /** terraform/appconfig/feature-flags.json, verbatim. */
  readonly flagDocument: string;
  /** terraform/mwaa/dags: uploaded when MWAA is on. */
  readonly dagsDir: string;
  /** docs/openapi.json, verbatim: its public operations are the gateway's routes without a JWT. */
  readonly openApiDocument: string;
}

/**
 * Everything of one environment but the image repository: network, database, messaging,
 * workflows, flags, services and their alarms. What exists follows from the plan (module
 * registry + topology file); this class only wires the pieces together.
 */
export class SeamStack extends TerraformStack {
  readonly network: Network;
  readonly database: Database;
  readonly messaging: Messaging;
  readonly workflows: Workflows;
  readonly observability: Observability;
  readonly flags: FeatureFlags;
  readonly services: Services;
  readonly auditing?: Auditing;
  readonly storefront?: Storefront;
  /** The Cognito user pool the stack made because the topology names no issuer. */
  readonly customerIdentity?: CustomerIdentity;

  constructor(scope: Construct, id: string, props: SeamStackProps) {
    super(scope, id);
    const { settings, topology, plan } = props;
    const modules = plan.modules.map((module) => module.name);
    refuseRoutesWithoutService(props.flagDocument, plan, settings.environment);
    new AwsProvider(this, 'aws', awsProviderConfig(settings));
    // us-east-1, where global services (IAM) deliver their CloudTrail events.
    const global = topology.auditing.enabled
      ? new AwsProvider(this, 'aws-global', {
          ...awsProviderConfig(settings),
          region: 'us-east-1',
          alias: 'global',
        })
      : undefined;
    useStateBackend(this, settings);

    this.network = new Network(this, 'network', { settings, network: topology.network });
    this.database = new Database(this, 'data', {
      settings,
      network: this.network,
      database: topology.database,
      modules,
    });
    this.messaging = new Messaging(this, 'messaging', {
      names: settings.queueNames,
      plan,
      messaging: topology.messaging,
    });
    this.workflows = new Workflows(this, 'workflows', {
      settings,
      workflows: plan.workflows,
      messaging: this.messaging,
      logRetentionDays: topology.observability.logRetentionDays,
    });
    this.observability = new Observability(this, 'observability', {
      settings,
      services: plan.services,
      messaging: this.messaging,
      modules,
      logRetentionDays: topology.observability.logRetentionDays,
      alarmEmail: topology.observability.alarmEmail,
      queueAgeAlarmSeconds: topology.observability.queueAgeAlarmSeconds,
      outboxLagAlarmSeconds: topology.observability.outboxLagAlarmSeconds,
    });
    const loadBalancer =
      topology.frontDoor.kind === 'apprunner'
        ? undefined
        : new LoadBalancer(this, 'front-door', {
            settings,
            network: this.network,
            certificateArn: topology.frontDoor.certificateArn,
            internal: topology.frontDoor.kind === 'apigateway',
          });
    // Before the services: the pool's app client calls back to the storefront's domain, and
    // the services, the gateway's authorizer and the storefront's config.json need the client.
    if (topology.storefront.enabled && loadBalancer)
      this.storefront = new Storefront(this, 'storefront', {
        settings,
        api: {
          domainName: topology.storefront.apiOriginDomain ?? loadBalancer.loadBalancer.dnsName,
          https: topology.frontDoor.certificateArn !== undefined,
        },
        connectSources: topology.auth
          ? [new URL(topology.auth.issuer).origin]
          : CustomerIdentity.origins(settings),
      });
    if (!topology.auth)
      this.customerIdentity = new CustomerIdentity(this, 'customer-identity', {
        settings,
        storefrontOrigin: this.storefront && `https://${this.storefront.distribution.domainName}`,
      });
    const auth = topology.auth ?? this.customerIdentity!.auth;
    this.storefront?.publishConfig({
      apiBase: '/api',
      signIn: {
        kind: 'oidc',
        authority: auth.issuer,
        clientId: topology.auth?.storefrontClientId ?? auth.audience,
        scope:
          topology.auth?.storefrontScope ??
          (this.customerIdentity ? STOREFRONT_SCOPES.join(' ') : DEFAULT_STOREFRONT_SCOPE),
        ...(this.customerIdentity
          ? { endSessionEndpoint: this.customerIdentity.endSessionEndpoint }
          : {}),
      },
    });
    const apiGateway =
      loadBalancer && topology.frontDoor.kind === 'apigateway'
        ? new ApiGateway(this, 'api-gateway', {
            settings,
            network: this.network,
            loadBalancer,
            auth,
            throttle: topology.frontDoor.throttle,
            logRetentionDays: topology.observability.logRetentionDays,
            publicRoutes: publicRoutesOf(props.openApiDocument),
          })
        : undefined;
    const rollbackAlarms = [this.observability.breakerOpened.arn];
    const rollbackAlarmNames = [this.observability.breakerOpened.alarmName];
    if (loadBalancer) {
      const serverErrors = this.observability.serverErrors(loadBalancer.loadBalancer.arnSuffix);
      rollbackAlarms.push(serverErrors.arn);
      rollbackAlarmNames.push(serverErrors.alarmName);
    }
    this.observability.dashboard({
      settings,
      modules,
      workflows: plan.workflows.map((workflow) => workflow.name),
      loadBalancerArnSuffix: loadBalancer?.loadBalancer.arnSuffix,
    });
    this.flags = new FeatureFlags(this, 'flags', {
      settings,
      document: props.flagDocument,
      rollbackAlarmArns: rollbackAlarms,
      flags: topology.flags,
    });
    const repository = new DataAwsEcrRepository(this, 'repository', {
      name: repositoryName(settings),
    });
    this.services = new Services(this, 'compute', {
      settings,
      plan,
      topology,
      auth,
      network: this.network,
      database: this.database,
      messaging: this.messaging,
      workflows: this.workflows,
      flags: this.flags,
      observability: this.observability,
      repository: { arn: repository.arn, url: repository.repositoryUrl },
      loadBalancer,
      rollbackAlarmNames,
    });
    this.flags.deploy(this.services.running);
    if (topology.auditing.enabled)
      this.auditing = new Auditing(this, 'auditing', {
        settings,
        alarmTopic: this.observability.alarmTopic,
        https: topology.frontDoor.certificateArn !== undefined,
        global,
      });
    if (this.storefront) {
      new TerraformOutput(this, 'storefront_url', {
        value: `https://${this.storefront.distribution.domainName}`,
      });
      new TerraformOutput(this, 'storefront_bucket', { value: this.storefront.bucket.bucket });
      new TerraformOutput(this, 'storefront_distribution', {
        value: this.storefront.distribution.id,
      });
    }
    if (this.customerIdentity) {
      new TerraformOutput(this, 'user_pool', { value: this.customerIdentity.pool.id });
      new TerraformOutput(this, 'user_pool_client', { value: this.customerIdentity.client.id });
      new TerraformOutput(this, 'sign_in_domain', {
        value: `${CustomerIdentity.domainPrefix(settings)}.auth.${settings.region}.amazoncognito.com`,
      });
    }
    if (topology.mwaa.enabled)
      new Mwaa(this, 'mwaa', {
        settings,
        dagsDir: props.dagsDir,
        network: this.network,
        workflows: this.workflows,
      });

    if (apiGateway) new TerraformOutput(this, 'url', { value: apiGateway.api.apiEndpoint });
    else if (loadBalancer)
      new TerraformOutput(this, 'url', {
        value: `${topology.frontDoor.certificateArn ? 'https' : 'http'}://${loadBalancer.loadBalancer.dnsName}`,
      });
    new TerraformOutput(this, 'cluster', { value: this.services.cluster.name });
    new TerraformOutput(this, 'migrate_command', {
      value: this.services.migrateCommand,
      description: 'Runs the migrate task and fails when it fails: before services update',
    });
    new TerraformOutput(this, 'database_endpoint', { value: this.database.cluster.endpoint });
    new TerraformOutput(this, 'appconfig', {
      value: {
        application: this.flags.application.id,
        environment: this.flags.environment.environmentId,
        profile: this.flags.profile.configurationProfileId,
      },
    });
  }
}

/**
 * A module whose `route-<module>` flag sends calls away from the monolith (shadow, canary or
 * remote) needs its service in this environment; without one its calls would wait on a queue
 * nobody reads until the breaker opens. Refused at synthesis, with what to do.
 */
function refuseRoutesWithoutService(flagDocument: string, plan: SystemPlan, environment: string) {
  const values = FlagDocument.parse(flagDocument, FLAG_DOCUMENT).defaults;
  const served = new Set(plan.services.filter((s) => s.dedicated).flatMap((s) => s.modules));
  for (const { name } of plan.modules) {
    const route = values[routeFlag(name).name] as { enabled: boolean; mode: string } | undefined;
    if (!route?.enabled || route.mode === 'local' || served.has(name)) continue;
    throw new ConfigError(
      `services.${name} in terraform/topology/${environment}.json`,
      `a ${name} service ({ "cpu", "memory", "count", "maxCount" }), because route-${name} is ` +
        `"${route.mode}" in ${FLAG_DOCUMENT} (or set the flag back: npm run flags -- set route-${name} mode=local)`,
      undefined,
    );
  }
}
