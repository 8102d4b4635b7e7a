import { Fn, TerraformResource, type ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { AppautoscalingPolicy } from '@cdktf/provider-aws/lib/appautoscaling-policy/index.js';
import { AppautoscalingTarget } from '@cdktf/provider-aws/lib/appautoscaling-target/index.js';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group/index.js';
import { ApprunnerService } from '@cdktf/provider-aws/lib/apprunner-service/index.js';
import { ApprunnerVpcConnector } from '@cdktf/provider-aws/lib/apprunner-vpc-connector/index.js';
import { EcsCluster } from '@cdktf/provider-aws/lib/ecs-cluster/index.js';
import { EcsClusterCapacityProviders } from '@cdktf/provider-aws/lib/ecs-cluster-capacity-providers/index.js';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service/index.js';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition/index.js';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy/index.js';
import type { DeploySettings } from '../deploy-settings.js';
import type { ServicePlan, SystemPlan } from '../system-plan.js';
import type { Topology } from '../topology.js';
import {
  collectorContainer,
  collectorPermissions,
  COLLECTOR_CONTAINER,
  tracingEnvironment,
  type CollectorTarget,
} from './collector.js';
import { ADMIN_USER, DATABASE_NAME, type Database } from './database.js';
import type { FeatureFlags } from './feature-flags.js';
import { policyDocument, trustPolicy, type PolicyStatement } from './iam.js';
import { CONTAINER_PORT, type LoadBalancer } from './load-balancer.js';
import type { Messaging } from './messaging.js';
import type { Network } from './network.js';
import type { Observability } from './observability.js';
import { servicePermissions } from './service-permissions.js';
import type { Workflows } from './workflows.js';

/** The image every service runs: the repository (from the registry stack) and its URL. */
export interface ImageRepository {
  readonly arn: string;
  readonly url: string;
}

/** Where the image keeps the RDS CA bundle (Dockerfile) that TLS to Aurora is verified against. */
export const RDS_CA_FILE = '/app/certs/rds-global-bundle.pem';
/** The writable scratch volume of every task (the root filesystem is read-only). */
export const TMP_PATH = '/tmp';
/** The image's non-root `node` user (uid:gid); the Dockerfile runs as it too. */
export const CONTAINER_USER = '1000:1000';

/**
 * Where a service runs (cost, docs/cost.md). Web: on-demand Fargate on Graviton (ARM64).
 * Workers and extracted services: mostly Fargate Spot, which runs X86_64 tasks only, with one
 * on-demand task as a base; an interrupted task's messages return to the queue after their
 * visibility timeout. The image is built for both architectures (docs/deploy.md).
 */
export function placement(service: Pick<ServicePlan, 'role'>): {
  architecture: 'ARM64' | 'X86_64';
  strategy: { capacityProvider: string; base?: number; weight: number }[];
} {
  return service.role === 'web'
    ? { architecture: 'ARM64', strategy: [{ capacityProvider: 'FARGATE', base: 1, weight: 1 }] }
    : {
        architecture: 'X86_64',
        strategy: [
          { capacityProvider: 'FARGATE', base: 1, weight: 0 },
          { capacityProvider: 'FARGATE_SPOT', weight: 1 },
        ],
      };
}

/**
 * The ECS cluster and one Fargate service per entry of the plan: the monolith's `web` and
 * `worker` roles and each extracted module, all from the same image, configured only through
 * environment variables worked out from the plan, each Fargate task with an OpenTelemetry
 * collector sidecar (`collector.ts`). Web scales on CPU behind the load balancer (or runs on
 * App Runner); workers scale on the depth of the queues they consume.
 */
export class Services extends Construct {
  readonly cluster: EcsCluster;
  readonly capacityProviders: EcsClusterCapacityProviders;
  /** Service name → its task role (what its code may do in AWS). */
  readonly taskRoles: ReadonlyMap<string, IamRole>;
  /** The services, each created once its tasks run steady: what comes after a rollout waits on these. */
  readonly running: ITerraformDependable[] = [];
  /**
   * The one-off migrate task: the only holder of the Aurora admin login. Run it before the
   * services update (docs/deploy.md, output `migrate_command`).
   */
  readonly migrateTask: EcsTaskDefinition;
  /** The shell command that runs the migrate task, waits for it, and fails when it failed. */
  readonly migrateCommand: string;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: {
      settings: DeploySettings;
      plan: SystemPlan;
      topology: Topology;
      /** The issuer whose tokens the API accepts: the topology's, or the stack's user pool. */
      auth: NonNullable<Topology['auth']>;
      network: Network;
      database: Database;
      messaging: Messaging;
      workflows: Workflows;
      flags: FeatureFlags;
      observability: Observability;
      repository: ImageRepository;
      loadBalancer?: LoadBalancer;
      /** CloudWatch alarms whose ALARM state during a deployment rolls the service back. */
      rollbackAlarmNames: readonly string[];
    },
  ) {
    super(scope, id);
    const { settings, plan } = props;
    this.cluster = new EcsCluster(this, 'cluster', {
      name: settings.prefix,
      setting: [{ name: 'containerInsights', value: 'enabled' }],
    });
    this.capacityProviders = new EcsClusterCapacityProviders(this, 'capacity-providers', {
      clusterName: this.cluster.name,
      capacityProviders: ['FARGATE', 'FARGATE_SPOT'],
      defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE', base: 0, weight: 1 }],
    });
    const executionRole = this.executionRole();
    const taskRoles = new Map<string, IamRole>();
    for (const service of plan.services) {
      const taskRole = this.taskRole(service);
      taskRoles.set(service.name, taskRole.role);
      if (service.role === 'web' && props.topology.frontDoor.kind === 'apprunner')
        this.appRunnerWeb(service, taskRole);
      else this.fargateService(service, taskRole, executionRole);
    }
    this.taskRoles = taskRoles;
    this.migrateTask = this.migrate();
    this.migrateCommand = this.runTaskCommand(this.migrateTask);
  }

  /** The environment a service's container starts with: the whole configuration of its process. */
  environment(service: ServicePlan): Record<string, string> {
    const { settings, topology, flags, database, auth } = this.props;
    const names = settings.queueNames;
    return {
      NODE_ENV: 'production',
      PORT: String(CONTAINER_PORT),
      AWS_REGION: settings.region,
      SEAM_ENV: settings.environment,
      SEAM_ROLE: service.role,
      ...(service.dedicated ? { SEAM_MODULES: service.modules.join(',') } : {}),
      // Where the database is; no login: each module logs in with its own secret.
      DATABASE_URL: `postgres://${database.cluster.endpoint}:5432/${DATABASE_NAME}`,
      SEAM_DB_CA_FILE: RDS_CA_FILE,
      // The migrate task has applied the migrations (docs/deploy.md).
      SEAM_MIGRATE_ON_START: 'false',
      SEAM_DATA_DIR: `${TMP_PATH}/seam`,
      SEAM_SECRETS_SOURCE: 'secretsmanager',
      SEAM_TRANSPORT: 'sqs',
      SEAM_SQS_REPLY_GROUP: service.name,
      SEAM_SQS_QUEUE_PREFIX: names.prefix,
      SEAM_SQS_CREATE_QUEUES: 'false',
      SEAM_SQS_VISIBILITY_SECONDS: String(topology.messaging.visibilityTimeoutSeconds),
      SEAM_SQS_MAX_RECEIVE_COUNT: String(topology.messaging.maxReceiveCount),
      SEAM_SNS_TOPIC_ARN_PREFIX: `arn:aws:sns:${settings.region}:${settings.account}:${names.prefix}`,
      SEAM_FLAGS_SOURCE: 'appconfig',
      SEAM_APPCONFIG_APPLICATION: flags.application.id,
      SEAM_APPCONFIG_ENVIRONMENT: flags.environment.environmentId,
      SEAM_APPCONFIG_PROFILE: flags.profile.configurationProfileId,
      SEAM_WORKFLOW_ENGINE: 'stepfunctions',
      SEAM_STATE_MACHINE_ARN_PREFIX: stateMachineArnPrefix(settings),
      SEAM_QUEUE_URL_PREFIX: `https://sqs.${settings.region}.amazonaws.com/${settings.account}/${names.prefix}`,
      SEAM_AUTH_JWKS_URL: auth.jwksUrl,
      SEAM_AUTH_ISSUER: auth.issuer,
      SEAM_AUTH_AUDIENCE: auth.audience,
    };
  }

  /** The services' execution role: pulls the image and writes the logs; no secret to inject. */
  private executionRole(): RoleWithPolicy {
    const { settings, observability, repository } = this.props;
    const role = new IamRole(this, 'execution-role', {
      name: `${settings.prefix}-task-execution`,
      assumeRolePolicy: trustPolicy('ecs-tasks.amazonaws.com', settings.account),
    });
    const policy = new IamRolePolicy(this, 'execution-policy', {
      role: role.id,
      name: 'pull-log',
      policy: policyDocument([
        ...pullImage(repository.arn),
        {
          Sid: 'WriteLogs',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: [...observability.logGroups.values()].map((group) => `${group.arn}:*`),
        },
      ]),
    });
    return { role, policy };
  }

  /**
   * The migrate task definition (`node dist/apps/monolith/src/migrate.js`, same image): logs in
   * as the admin (its execution role alone injects the RDS-managed admin password), creates the
   * module roles with the passwords of their secrets and applies every module's migrations.
   */
  private migrate(): EcsTaskDefinition {
    const { settings, topology, repository, database, plan } = this.props;
    const name = `${settings.prefix}-migrate`;
    const logs = new CloudwatchLogGroup(this, 'migrate-logs', {
      name: `/seam/${settings.environment}/migrate`,
      retentionInDays: topology.observability.logRetentionDays,
    });
    const executionRole = new IamRole(this, 'migrate-execution-role', {
      name: `${name}-execution`,
      assumeRolePolicy: trustPolicy('ecs-tasks.amazonaws.com', settings.account),
    });
    const executionPolicy = new IamRolePolicy(this, 'migrate-execution-policy', {
      role: executionRole.id,
      name: 'pull-log-inject-admin-password',
      policy: policyDocument([
        ...pullImage(repository.arn),
        {
          Sid: 'WriteLogs',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: [`${logs.arn}:*`],
        },
        {
          Sid: 'InjectAdminPassword',
          Action: ['secretsmanager:GetSecretValue'],
          Resource: [database.adminSecretArn],
        },
      ]),
    });
    const taskRole = new IamRole(this, 'migrate-task-role', {
      name,
      assumeRolePolicy: trustPolicy('ecs-tasks.amazonaws.com', settings.account),
    });
    const taskPolicy = new IamRolePolicy(this, 'migrate-task-policy', {
      role: taskRole.id,
      name: 'read-module-logins',
      policy: policyDocument([
        {
          // The migrator sets each module role's password from its secret.
          Sid: 'ReadModuleDatabaseSecrets',
          Action: ['secretsmanager:GetSecretValue'],
          Resource: plan.modules.map((module) => database.moduleSecretArns.get(module.name)!),
        },
      ]),
    });
    const task = new EcsTaskDefinition(this, 'migrate-task', {
      family: name,
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: '256',
      memory: '512',
      executionRoleArn: executionRole.arn,
      taskRoleArn: taskRole.arn,
      runtimePlatform: { operatingSystemFamily: 'LINUX', cpuArchitecture: 'ARM64' },
      volume: [{ name: 'tmp' }],
      containerDefinitions: JSON.stringify([
        {
          ...hardened,
          name: 'seam',
          image: `${repository.url}:${settings.imageTag}`,
          essential: true,
          command: ['node', 'dist/apps/monolith/src/migrate.js'],
          environment: Object.entries({
            NODE_ENV: 'production',
            AWS_REGION: settings.region,
            SEAM_ENV: settings.environment,
            DATABASE_URL: `postgres://${ADMIN_USER}@${database.cluster.endpoint}:5432/${DATABASE_NAME}`,
            SEAM_DB_CA_FILE: RDS_CA_FILE,
            SEAM_DATA_DIR: `${TMP_PATH}/seam`,
            SEAM_SECRETS_SOURCE: 'secretsmanager',
          }).map(([key, value]) => ({ name: key, value })),
          // pg reads PGPASSWORD when DATABASE_URL carries none: the admin login, here only.
          secrets: [{ name: 'PGPASSWORD', valueFrom: `${database.adminSecretArn}:password::` }],
          logConfiguration: {
            logDriver: 'awslogs',
            options: {
              'awslogs-group': logs.name,
              'awslogs-region': settings.region,
              'awslogs-stream-prefix': 'migrate',
            },
          },
        },
      ]),
      // `terraform apply -target=aws_ecs_task_definition.migrate` (docs/deploy.md) brings along
      // what running it needs: the network (endpoints, routes, rules), the database with the
      // module secrets, the cluster and the roles' permissions; the services come after.
      dependsOn: [
        ...resourcesIn(this.props.network),
        ...resourcesIn(database),
        this.cluster,
        executionPolicy,
        taskPolicy,
      ],
    });
    task.overrideLogicalId('migrate');
    return task;
  }

  /** `aws ecs run-task` of a task definition in the private subnets; waits and checks its exit code. */
  private runTaskCommand(task: EcsTaskDefinition): string {
    const { network } = this.props;
    const cluster = this.cluster.name;
    const subnets = Fn.join(
      ',',
      network.privateSubnets.map((subnet) => subnet.id),
    );
    const awsvpc = `awsvpcConfiguration={subnets=[${subnets}],securityGroups=[${network.serviceSecurityGroup.id}],assignPublicIp=DISABLED}`;
    return [
      `task=$(aws ecs run-task --cluster ${cluster} --task-definition ${task.family} --launch-type FARGATE --network-configuration '${awsvpc}' --query 'tasks[0].taskArn' --output text)`,
      `aws ecs wait tasks-stopped --cluster ${cluster} --tasks "$task"`,
      `test "$(aws ecs describe-tasks --cluster ${cluster} --tasks "$task" --query 'tasks[0].containers[0].exitCode' --output text)" = 0`,
    ].join(' && ');
  }

  private taskRole(service: ServicePlan): RoleWithPolicy {
    const { settings, plan, messaging, database, workflows, flags, observability } = this.props;
    const appRunner = service.role === 'web' && this.props.topology.frontDoor.kind === 'apprunner';
    const role = new IamRole(this, `${service.name}-task-role`, {
      name: `${settings.prefix}-${service.name}`,
      assumeRolePolicy: appRunner
        ? trustPolicy('tasks.apprunner.amazonaws.com')
        : trustPolicy('ecs-tasks.amazonaws.com', settings.account),
    });
    const policy = new IamRolePolicy(this, `${service.name}-task-policy`, {
      role: role.id,
      name: 'seam-service',
      policy: policyDocument([
        ...servicePermissions(plan, service, {
          queue: (module) => messaging.queue(module).arn,
          deadLetters: (module) => messaging.deadLetters(module).arn,
          topic: (module) => messaging.topics.get(module)!.arn,
          moduleSecret: (module) => database.moduleSecretArns.get(module)!,
          stateMachine: (workflow) => workflows.stateMachines.get(workflow)!.arn,
          ownReplyQueues: `arn:aws:sqs:${settings.region}:${settings.account}:${settings.queueNames.reply('*', service.name)}`,
          replyQueues: `arn:aws:sqs:${settings.region}:${settings.account}:${settings.queueNames.reply('*')}`,
          flagConfiguration: flags.configurationArn,
        }),
        // App Runner runs no sidecar.
        ...(appRunner ? [] : collectorPermissions(observability.metricsLogGroup.arn)),
      ]),
    });
    return { role, policy };
  }

  private fargateService(
    service: ServicePlan,
    taskRole: RoleWithPolicy,
    executionRole: RoleWithPolicy,
  ): void {
    const { settings, network, observability, repository, database, loadBalancer } = this.props;
    const name = `${settings.prefix}-${service.name}`;
    const logGroup = observability.logGroups.get(service.name)!;
    const collector: CollectorTarget = {
      region: settings.region,
      namespace: observability.namespace,
      metricsLogGroup: observability.metricsLogGroupName,
      serviceLogGroup: observability.logGroupName(service.name),
      service: service.name,
      role: service.role,
    };
    const container = {
      ...hardened,
      name: 'seam',
      image: `${repository.url}:${settings.imageTag}`,
      essential: true,
      portMappings: [{ containerPort: CONTAINER_PORT, protocol: 'tcp' }],
      environment: Object.entries({
        ...this.environment(service),
        ...tracingEnvironment(name, this.props.topology.observability.traceSampleRatio),
      }).map(([key, value]) => ({ name: key, value })),
      // The collector listens before the first span is sent.
      dependsOn: [{ containerName: COLLECTOR_CONTAINER, condition: 'START' }],
      logConfiguration: {
        logDriver: 'awslogs',
        options: {
          'awslogs-group': logGroup.name,
          'awslogs-region': settings.region,
          'awslogs-stream-prefix': service.name,
        },
      },
      healthCheck: {
        command: [
          'CMD',
          'node',
          '-e',
          `fetch('http://127.0.0.1:${CONTAINER_PORT}/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))`,
        ],
        interval: 15,
        timeout: 5,
        retries: 3,
        startPeriod: 60,
      },
      stopTimeout: 30,
    };
    const where = placement(service);
    const task = new EcsTaskDefinition(this, `${service.name}-task`, {
      family: name,
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: String(service.size.cpu),
      memory: String(service.size.memory),
      executionRoleArn: executionRole.role.arn,
      taskRoleArn: taskRole.role.arn,
      runtimePlatform: { operatingSystemFamily: 'LINUX', cpuArchitecture: where.architecture },
      volume: [{ name: 'tmp' }],
      containerDefinitions: JSON.stringify([
        container,
        collectorContainer(collector, { user: CONTAINER_USER }),
      ]),
    });
    const web = service.role === 'web' && loadBalancer !== undefined;
    const ecsService = new EcsService(this, `${service.name}-service`, {
      name: service.name,
      cluster: this.cluster.arn,
      taskDefinition: task.arn,
      capacityProviderStrategy: where.strategy,
      desiredCount: service.size.count,
      deploymentMinimumHealthyPercent: 100,
      deploymentMaximumPercent: 200,
      // Safe deploys: tasks that never get healthy, or an alarm firing during the deployment,
      // roll the service back to its previous task definition.
      deploymentCircuitBreaker: { enable: true, rollback: true },
      alarms: { alarmNames: [...this.props.rollbackAlarmNames], enable: true, rollback: true },
      propagateTags: 'SERVICE',
      networkConfiguration: {
        subnets: network.privateSubnets.map((subnet) => subnet.id),
        securityGroups: [network.serviceSecurityGroup.id],
        assignPublicIp: false,
      },
      loadBalancer: web
        ? [
            {
              targetGroupArn: loadBalancer.targetGroup.arn,
              containerName: 'seam',
              containerPort: CONTAINER_PORT,
            },
          ]
        : undefined,
      healthCheckGracePeriodSeconds: web ? 60 : undefined,
      // Autoscaling owns the count after the first deployment.
      lifecycle: { ignoreChanges: ['desired_count'] },
      // `cdktf deploy` ends when the tasks run healthy, or fails (the circuit breaker rolled back).
      waitForSteadyState: true,
      // The database needs an instance, the roles their permissions (the migrate task has run).
      dependsOn: [
        ...database.instances,
        this.capacityProviders,
        executionRole.policy,
        taskRole.policy,
        ...(web ? loadBalancer.listeners : []),
      ],
    });
    this.running.push(ecsService);
    this.autoscaling(service, `service/${this.cluster.name}/${ecsService.name}`);
  }

  /** Web: track 60 % CPU. Workers: track the backlog per task of the queues they consume. */
  private autoscaling(service: ServicePlan, resourceId: string): void {
    const { topology, messaging, settings } = this.props;
    const target = new AppautoscalingTarget(this, `${service.name}-scaling`, {
      serviceNamespace: 'ecs',
      scalableDimension: 'ecs:service:DesiredCount',
      resourceId,
      minCapacity: service.size.count,
      maxCapacity: service.size.maxCount,
    });
    const common = {
      serviceNamespace: target.serviceNamespace,
      scalableDimension: target.scalableDimension,
      resourceId: target.resourceId,
      policyType: 'TargetTrackingScaling',
    };
    if (service.role === 'web') {
      new AppautoscalingPolicy(this, `${service.name}-cpu`, {
        ...common,
        name: `${settings.prefix}-${service.name}-cpu`,
        targetTrackingScalingPolicyConfiguration: {
          targetValue: 60,
          predefinedMetricSpecification: {
            predefinedMetricType: 'ECSServiceAverageCPUUtilization',
          },
          scaleInCooldown: 120,
          scaleOutCooldown: 60,
        },
      });
      return;
    }
    const queues = service.scalesOn.map((module, index) => ({
      id: `queue${index}`,
      returnData: false,
      metricStat: {
        stat: 'Sum',
        metric: {
          namespace: 'AWS/SQS',
          metricName: 'ApproximateNumberOfMessagesVisible',
          dimensions: [{ name: 'QueueName', value: messaging.queue(module).name }],
        },
      },
    }));
    new AppautoscalingPolicy(this, `${service.name}-backlog`, {
      ...common,
      name: `${settings.prefix}-${service.name}-backlog`,
      targetTrackingScalingPolicyConfiguration: {
        targetValue: topology.messaging.backlogPerTask,
        scaleInCooldown: 120,
        scaleOutCooldown: 30,
        customizedMetricSpecification: {
          metrics: [
            ...queues,
            {
              id: 'tasks',
              returnData: false,
              metricStat: {
                stat: 'Average',
                metric: {
                  namespace: 'ECS/ContainerInsights',
                  metricName: 'RunningTaskCount',
                  dimensions: [
                    { name: 'ClusterName', value: this.cluster.name },
                    { name: 'ServiceName', value: service.name },
                  ],
                },
              },
            },
            {
              id: 'backlogPerTask',
              label: 'Messages waiting per running task',
              expression: `(${queues.map((queue) => queue.id).join(' + ')}) / MAX([tasks, 1])`,
              returnData: true,
            },
          ],
        },
      },
    });
  }

  /** The web role on App Runner, reaching the VPC (database, endpoints) through a connector. */
  private appRunnerWeb(service: ServicePlan, instance: RoleWithPolicy): void {
    const instanceRole = instance.role;
    const { settings, network, repository, database } = this.props;
    const connector = new ApprunnerVpcConnector(this, 'apprunner-connector', {
      vpcConnectorName: `${settings.prefix}-web`,
      subnets: network.privateSubnets.map((subnet) => subnet.id),
      securityGroups: [network.serviceSecurityGroup.id],
    });
    const accessRole = new IamRole(this, 'apprunner-access-role', {
      name: `${settings.prefix}-apprunner-ecr`,
      assumeRolePolicy: trustPolicy('build.apprunner.amazonaws.com'),
    });
    const accessPolicy = new IamRolePolicy(this, 'apprunner-access-policy', {
      role: accessRole.id,
      name: 'pull-image',
      policy: policyDocument([
        ...pullImage(repository.arn),
        // App Runner also looks the image up (as AWSAppRunnerServicePolicyForECRAccess allows).
        { Sid: 'DescribeImage', Action: ['ecr:DescribeImages'], Resource: [repository.arn] },
      ]),
    });
    const apprunner = new ApprunnerService(this, 'apprunner', {
      dependsOn: [...database.instances, accessPolicy, instance.policy],
      serviceName: `${settings.prefix}-web`,
      sourceConfiguration: {
        autoDeploymentsEnabled: false,
        authenticationConfiguration: { accessRoleArn: accessRole.arn },
        imageRepository: {
          imageIdentifier: `${repository.url}:${settings.imageTag}`,
          imageRepositoryType: 'ECR',
          imageConfiguration: {
            port: String(CONTAINER_PORT),
            runtimeEnvironmentVariables: this.environment(service),
          },
        },
      },
      instanceConfiguration: {
        cpu: String(service.size.cpu),
        memory: String(service.size.memory),
        instanceRoleArn: instanceRole.arn,
      },
      networkConfiguration: {
        egressConfiguration: { egressType: 'VPC', vpcConnectorArn: connector.arn },
      },
      healthCheckConfiguration: { protocol: 'HTTP', path: '/health/ready', interval: 10 },
    });
    this.running.push(apprunner);
  }
}

/**
 * What every Seam container runs with: the image's non-root user, a read-only root filesystem
 * with a writable scratch volume at /tmp, no privileges or Linux capabilities, and an init
 * process (tini) as pid 1 that forwards SIGTERM and reaps children.
 */
const hardened = {
  user: CONTAINER_USER,
  readonlyRootFilesystem: true,
  privileged: false,
  mountPoints: [{ sourceVolume: 'tmp', containerPath: TMP_PATH, readOnly: false }],
  linuxParameters: { initProcessEnabled: true, capabilities: { drop: ['ALL'] } },
};

/** Log in to ECR and pull the one repository's image. */
function pullImage(repositoryArn: string): PolicyStatement[] {
  return [
    { Sid: 'RegistryLogin', Action: ['ecr:GetAuthorizationToken'], Resource: ['*'] },
    {
      Sid: 'PullImage',
      Action: [
        'ecr:BatchCheckLayerAvailability',
        'ecr:GetDownloadUrlForLayer',
        'ecr:BatchGetImage',
      ],
      Resource: [repositoryArn],
    },
  ];
}

/** Every resource a construct holds, for a `depends_on` on all of it. */
function resourcesIn(construct: Construct): TerraformResource[] {
  return construct.node
    .findAll()
    .filter((node): node is TerraformResource => node instanceof TerraformResource);
}

interface RoleWithPolicy {
  readonly role: IamRole;
  /** Its inline policy: whoever uses the role waits for it. */
  readonly policy: IamRolePolicy;
}

/** What SEAM_STATE_MACHINE_ARN_PREFIX is: state machines are `<prefix>-<workflow>`. */
export function stateMachineArnPrefix(settings: DeploySettings): string {
  return `arn:aws:states:${settings.region}:${settings.account}:stateMachine:${settings.prefix}-`;
}
