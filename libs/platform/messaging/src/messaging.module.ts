import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import {
  Injectable,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type Provider,
} from '@nestjs/common';
import { FeatureFlags } from '#platform/flags';
import { Metrics } from '#platform/observability';
import type { ModuleContract, PatternKind } from './contract.js';
import { EventSubscriptions } from './event-subscriptions.js';
import { InProcessChannel } from './in-process/in-process.channel.js';
import { InProcessClient } from './in-process/in-process.client.js';
import { ModuleBus } from './module-bus.js';
import { LocalModuleRouter, ModuleRouter } from './module-router.js';
import { OutboxRegistry } from './outbox/outbox-registry.js';
import { SqsQueueAdmin } from './sqs/sqs-queue-admin.js';
import type { BreakerOptions } from './routing/breaker-options.js';
import { FlagModuleRouter, type Placement, type RouteTable } from './routing/flag-module-router.js';
import { RemoteCalls } from './routing/remote-calls.js';
import type { SqsOptions } from './sqs/sqs-options.js';
import { SqsQueues } from './sqs/sqs-queues.js';
import { SqsClient } from './sqs/sqs.client.js';
import { SqsTransportServer } from './sqs/sqs-transport.server.js';
import { ReplyQueueJanitor } from './sqs/reply-queue-janitor.js';

/** Reaching modules in other processes over SQS. */
export interface RemoteTransport {
  readonly sqs: SqsOptions;
  readonly breakers: BreakerOptions;
  readonly placement: Placement;
  /** Who subscribes to what, across every module of the build. */
  readonly subscriptions: EventSubscriptions;
  /** Every module's contract: which patterns are queries (mirrored in shadow mode, retried). */
  readonly contracts: readonly ModuleContract[];
}

export class MessagingOptions {
  constructor(
    readonly callTimeoutMs: number,
    /** Absent: every module runs in this process over the in-process transport. */
    readonly remote?: RemoteTransport,
    /** False in a `web`-role process: no queue consumers, outbox relays or workflow runners. */
    readonly backgroundWork = true,
  ) {}
}

/** The SQS transport server of this process, when it has one (see createSeamApplication). */
@Injectable()
export class TransportServers implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    readonly sqs: SqsTransportServer | undefined,
    private readonly remoteCalls: RemoteCalls | undefined,
    private readonly client: SqsClient | undefined,
    /** In the monolith's background work: deletes reply queues whose process is gone. */
    private readonly janitor?: ReplyQueueJanitor,
    /** Queue depths and DLQ redrive, for operators (with the SQS transport only). */
    readonly queueAdmin?: SqsQueueAdmin,
  ) {}

  onApplicationBootstrap(): void {
    this.janitor?.start();
  }

  /** Breaker states, for health and operators. */
  breakers() {
    return this.remoteCalls?.statuses() ?? [];
  }

  /** Breakers with their counts and bulkheads, for the operator console. */
  breakerDetails() {
    return this.remoteCalls?.details() ?? [];
  }

  async onApplicationShutdown(): Promise<void> {
    this.janitor?.stop();
    await this.remoteCalls?.shutdown();
    await this.client?.close();
  }
}

/**
 * `forRoot` once in the application: the transports and the router.
 * `forModule(name)` in each domain module: that module's ModuleBus.
 */
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      providers: [
        { provide: MessagingOptions, useValue: options },
        InProcessChannel,
        InProcessClient,
        OutboxRegistry,
        ...(options.remote ? remoteProviders(options.remote, options) : localProviders()),
      ],
      exports: [MessagingOptions, InProcessChannel, ModuleRouter, OutboxRegistry, TransportServers],
    };
  }

  static forModule(module: string): DynamicModule {
    return {
      module: MessagingModule,
      providers: [
        {
          provide: ModuleBus,
          useFactory: (router: ModuleRouter, options: MessagingOptions) =>
            new ModuleBus(module, router, options.callTimeoutMs),
          inject: [ModuleRouter, MessagingOptions],
        },
      ],
      exports: [ModuleBus],
    };
  }
}

function localProviders(): Provider[] {
  return [
    { provide: ModuleRouter, useClass: LocalModuleRouter },
    { provide: TransportServers, useValue: new TransportServers(undefined, undefined, undefined) },
  ];
}

function remoteProviders(remote: RemoteTransport, options: MessagingOptions): Provider[] {
  const logger = new Logger('ModuleRouter');
  const kinds = new Map<string, PatternKind>(
    remote.contracts.flatMap((contract) =>
      Object.entries(contract.patterns).map(([pattern, definition]) => [pattern, definition.kind]),
    ),
  );
  return [
    // Region, credentials and endpoint come from the SDK's own chain (AWS_REGION, AWS_ENDPOINT_URL_SQS, ...).
    { provide: SQSClient, useFactory: () => new SQSClient({}) },
    // Only when events go through SNS topics (SEAM_SNS_TOPIC_ARN_PREFIX); endpoint from AWS_ENDPOINT_URL_SNS.
    {
      provide: SNSClient,
      useFactory: () => (remote.sqs.eventTopicArnPrefix ? new SNSClient({}) : undefined),
    },
    {
      provide: SqsQueues,
      useFactory: (sqs: SQSClient) => new SqsQueues(sqs, remote.sqs),
      inject: [SQSClient],
    },
    {
      provide: SqsClient,
      useFactory: (sqs: SQSClient, queues: SqsQueues, sns: SNSClient | undefined) =>
        new SqsClient(sqs, queues, remote.sqs, sns),
      inject: [SQSClient, SqsQueues, SNSClient],
    },
    {
      provide: RemoteCalls,
      useFactory: (client: SqsClient, metrics: Metrics) =>
        new RemoteCalls(client, remote.breakers, metrics, logger),
      inject: [SqsClient, Metrics],
    },
    {
      provide: ModuleRouter,
      useFactory: (
        local: InProcessClient,
        client: SqsClient,
        calls: RemoteCalls,
        flags: FeatureFlags,
        metrics: Metrics,
      ) =>
        new FlagModuleRouter(
          local,
          client,
          calls,
          routeTableOf(flags),
          remote.placement,
          remote.subscriptions,
          (pattern) => kinds.get(pattern),
          metrics,
          logger,
        ),
      inject: [InProcessClient, SqsClient, RemoteCalls, FeatureFlags, Metrics],
    },
    {
      provide: SqsTransportServer,
      useFactory: (sqs: SQSClient, queues: SqsQueues, flags: FeatureFlags) => {
        const routes = routeTableOf(flags);
        // A module service consumes its modules' queues; the monolith consumes a module's
        // queue only while that module is routed `local` (otherwise its service does).
        const consumes = (module: string) =>
          options.backgroundWork &&
          (remote.placement.dedicated || routes.routeOf(module).mode === 'local');
        const server = new SqsTransportServer(sqs, queues, remote.sqs, () =>
          [...remote.placement.hosted].filter(consumes),
        );
        flags.onChange(() => {
          for (const module of remote.placement.hosted)
            (consumes(module) ? server.consume(module) : server.stopConsuming(module)).catch(
              (error: unknown) =>
                // The next flag change tries again; meanwhile the module's service still serves.
                logger.error({ err: error, module }, 'Changing which queues are consumed failed'),
            );
        });
        return server;
      },
      inject: [SQSClient, SqsQueues, FeatureFlags],
    },
    {
      provide: TransportServers,
      useFactory: (
        server: SqsTransportServer,
        calls: RemoteCalls,
        client: SqsClient,
        sqs: SQSClient,
        queues: SqsQueues,
      ) =>
        new TransportServers(
          server,
          calls,
          client,
          // One kind of process sweeps (and holds the permission to): the monolith's workers.
          options.backgroundWork && !remote.placement.dedicated
            ? new ReplyQueueJanitor(
                sqs,
                `${remote.sqs.queuePrefix}reply-`,
                queues.replyQueueName(),
                new Logger(ReplyQueueJanitor.name),
              )
            : undefined,
          new SqsQueueAdmin(sqs, queues),
        ),
      inject: [SqsTransportServer, RemoteCalls, SqsClient, SQSClient, SqsQueues],
    },
  ];
}

function routeTableOf(flags: FeatureFlags): RouteTable {
  return {
    routeOf: (module) => flags.route(module),
  };
}
