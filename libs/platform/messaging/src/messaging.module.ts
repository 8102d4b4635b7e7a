import { Module, type DynamicModule } from '@nestjs/common';
import { InProcessChannel } from './in-process/in-process.channel.js';
import { InProcessClient } from './in-process/in-process.client.js';
import { ModuleBus } from './module-bus.js';
import { LocalModuleRouter, ModuleRouter } from './module-router.js';
import { OutboxRegistry } from './outbox/outbox-registry.js';

export class MessagingOptions {
  constructor(readonly callTimeoutMs: number) {}
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
        { provide: ModuleRouter, useClass: LocalModuleRouter },
        OutboxRegistry,
      ],
      exports: [MessagingOptions, InProcessChannel, ModuleRouter, OutboxRegistry],
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
