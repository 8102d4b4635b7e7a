import {
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type Provider,
} from '@nestjs/common';
import type { ModuleContract } from './contract.js';
import { EventSubscriptions } from './event-subscriptions.js';
import { InProcessChannel } from './in-process/in-process.channel.js';
import { InProcessClient } from './in-process/in-process.client.js';
import { ModuleBus } from './module-bus.js';
import { LocalModuleRouter, ModuleRouter } from './module-router.js';
import { OutboxRegistry } from './outbox/outbox-registry.js';
import type { BreakerOptions } from './routing/breaker-options.js';
import type { Placement } from './routing/flag-module-router.js';
import type { RemoteCalls } from './routing/remote-calls.js';
// The SQS transport (and with it the AWS SDK) is loaded only by a process that uses it.
import type { ReplyQueueJanitor } from './sqs/reply-queue-janitor.js';
import type { SqsOptions } from './sqs/sqs-options.js';
import type { SqsQueueAdmin } from './sqs/sqs-queue-admin.js';
import type { SqsTransportServer } from './sqs/sqs-transport.server.js';
import type { SqsClient } from './sqs/sqs.client.js';

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
  static async forRoot(options: MessagingOptions): Promise<DynamicModule> {
    const transport = options.remote
      ? (await import('./sqs/sqs-transport.providers.js')).sqsTransportProviders(
          options.remote,
          options,
        )
      : localProviders();
    return {
      module: MessagingModule,
      global: true,
      providers: [
        { provide: MessagingOptions, useValue: options },
        InProcessChannel,
        InProcessClient,
        OutboxRegistry,
        ...transport,
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
