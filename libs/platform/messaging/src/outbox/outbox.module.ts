import {
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnModuleInit,
  type OnModuleDestroy,
} from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { MessagingModule, MessagingOptions } from '../messaging.module.js';
import { ModuleBus } from '../module-bus.js';
import { Metrics } from '#platform/observability';
import { DatabaseConnection, type ModuleSchema } from '#platform/persistence';
import { Inbox } from './inbox.js';
import { OutboxRegistry } from './outbox-registry.js';
import { Outbox } from './outbox.js';
import { OutboxBacklogGauges, OutboxRelay } from './outbox-relay.js';
import { RelayOptions } from './relay-options.js';

/** Runs the module's OutboxRelay for the life of the application and lists its outbox for operators. */
@Injectable()
export class OutboxRelayRunner implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    readonly relay: OutboxRelay,
    private readonly outbox: Outbox,
    private readonly registry: OutboxRegistry,
    private readonly options: MessagingOptions,
  ) {}

  onModuleInit(): void {
    this.registry.register(this.outbox);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.options.backgroundWork) return; // a web-role process leaves relaying to workers
    await this.relay.start();
  }

  // Earliest shutdown hook: deliveries in flight finish while the database and transports are up.
  async onModuleDestroy(): Promise<void> {
    await this.relay.stop();
  }
}

/**
 * Gives a module its Outbox (write events in the state change's transaction), its Inbox
 * (handle each message once per subscriber) and an OutboxRelay delivering its events through
 * the module bus. Import after `PersistenceModule.forModule(schema)`.
 */
@Module({})
export class OutboxModule {
  static forModule(
    schema: ModuleSchema,
    options: RelayOptions = RelayOptions.defaults(),
  ): DynamicModule {
    const dataSource = getDataSourceToken(schema.module);
    return {
      module: OutboxModule,
      imports: [MessagingModule.forModule(schema.module)],
      providers: [
        {
          provide: Outbox,
          useFactory: (db: DataSource) => new Outbox(schema.module, schema.schema, db),
          inject: [dataSource],
        },
        {
          provide: Inbox,
          useFactory: (db: DataSource) => new Inbox(schema.schema, db),
          inject: [dataSource],
        },
        {
          provide: OutboxRelay,
          useFactory: (
            db: DataSource,
            bus: ModuleBus,
            connection: DatabaseConnection,
            metrics: Metrics,
          ) =>
            new OutboxRelay(
              schema.schema,
              db,
              // A new client per (re)connect, so LISTEN follows a rotated password.
              (applicationName) => connection.clientFor(schema, applicationName),
              (message) => bus.deliver(message.pattern, message.payload, message.headers),
              options,
              new OutboxBacklogGauges(metrics, schema.module),
            ),
          inject: [dataSource, ModuleBus, DatabaseConnection, Metrics],
        },
        OutboxRelayRunner,
      ],
      exports: [Outbox, Inbox, OutboxRelay],
    };
  }
}
