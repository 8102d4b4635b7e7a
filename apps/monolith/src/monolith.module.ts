import { Module, type DynamicModule } from '@nestjs/common';
import { FlagsModule, type FlagsOptions } from '#platform/flags';
import { AdminModule, AuthModule, AuthOptions, HealthModule } from '#platform/http';
import {
  MessagingModule,
  MessagingOptions,
  type BreakerOptions,
  type SqsOptions,
} from '#platform/messaging';
import { LoggingModule, MetricsModule, type Logger } from '#platform/observability';
import { DatabaseConnection, PersistenceModule } from '#platform/persistence';
import { WorkflowOptions, WorkflowsModule } from '#platform/workflows';
import { flagsOf, workflowsOf, type ModuleDeclaration } from '#platform/runtime';
import { MODULES, SUBSCRIPTIONS } from './modules.js';

export interface MonolithOptions {
  readonly logger: Logger;
  readonly database: DatabaseConnection;
  readonly callTimeoutMs: number;
  readonly auth: AuthOptions;
  readonly writesPerMinute: number;
  /** Requests without a valid token per client address and minute; 60 when absent. */
  readonly authFailuresPerMinute?: number;
  readonly workflows: WorkflowOptions;
  readonly flags: FlagsOptions;
  /** The modules this process hosts; every module when absent (the monolith). */
  readonly modules?: readonly ModuleDeclaration[];
  /** True for a module service (SEAM_MODULES): it serves its modules whatever the flags say. */
  readonly dedicated?: boolean;
  /** False for the `web` role: no queue consumers, relays or workflow runners. */
  readonly backgroundWork?: boolean;
  /** SQS transport to modules in other processes; absent: everything runs in process. */
  readonly sqs?: SqsOptions;
  readonly breakers?: BreakerOptions;
}

/**
 * One Seam deployable: every domain module (the monolith) or the chosen ones (a module
 * service), with the platform around them. Calls to modules hosted elsewhere go over SQS.
 */
@Module({})
export class MonolithModule {
  static register(options: MonolithOptions): DynamicModule {
    const hosted = options.modules ?? MODULES;
    const messaging = new MessagingOptions(
      options.callTimeoutMs,
      options.sqs && options.breakers
        ? {
            sqs: options.sqs,
            breakers: options.breakers,
            placement: {
              hosted: new Set(hosted.map((entry) => entry.name)),
              dedicated: options.dedicated ?? false,
            },
            subscriptions: SUBSCRIPTIONS,
            contracts: MODULES.flatMap((entry) => (entry.contract ? [entry.contract] : [])),
          }
        : undefined,
      options.backgroundWork ?? true,
    );
    return {
      module: MonolithModule,
      imports: [
        LoggingModule.forRoot(options.logger),
        MetricsModule.forRoot(),
        MessagingModule.forRoot(messaging),
        PersistenceModule.forRoot(
          options.database,
          hosted.map((entry) => entry.schema),
        ),
        FlagsModule.forRoot(options.flags, flagsOf(MODULES)),
        WorkflowsModule.forRoot(options.workflows, workflowsOf(MODULES)),
        AuthModule.forRoot(options.auth, {
          writesPerMinute: options.writesPerMinute,
          authFailuresPerMinute: options.authFailuresPerMinute ?? 60,
        }),
        HealthModule,
        AdminModule,
        // Only the hosted modules' code is imported.
        ...hosted.map(async (entry): Promise<DynamicModule> => ({ module: await entry.load() })),
      ],
    };
  }
}
