import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { FlagsModule, type FlagsOptions } from '#platform/flags';
import { AdminModule, AuthModule, AuthOptions, HealthModule } from '#platform/http';
import { MessagingModule, MessagingOptions } from '#platform/messaging';
import { LoggingModule, MetricsModule, type Logger } from '#platform/observability';
import { DatabaseConnection, PersistenceModule } from '#platform/persistence';
import { WorkflowOptions, WorkflowsModule } from '#platform/workflows';
import { HOSTED_MODULES } from './hosted-modules.js';

export interface MonolithOptions {
  readonly logger: Logger;
  readonly database: DatabaseConnection;
  readonly callTimeoutMs: number;
  readonly auth: AuthOptions;
  readonly writesPerMinute: number;
  readonly workflows: WorkflowOptions;
  readonly flags: FlagsOptions;
}

/** Every domain module in one process, talking through the in-process transport. */
@Module({})
export class MonolithModule {
  static register(options: MonolithOptions): DynamicModule {
    return {
      module: MonolithModule,
      imports: [
        LoggingModule.forRoot(options.logger),
        MetricsModule.forRoot(),
        CqrsModule.forRoot(),
        MessagingModule.forRoot(new MessagingOptions(options.callTimeoutMs)),
        PersistenceModule.forRoot(
          options.database,
          HOSTED_MODULES.map((hosted) => hosted.schema),
        ),
        FlagsModule.forRoot(options.flags),
        WorkflowsModule.forRoot(options.workflows),
        AuthModule.forRoot(options.auth, options.writesPerMinute),
        HealthModule,
        AdminModule,
        ...HOSTED_MODULES.map((hosted) => hosted.module),
      ],
    };
  }
}
