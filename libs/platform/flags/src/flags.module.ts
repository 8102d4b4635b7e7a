import {
  Injectable,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { AgentFlagSource } from './agent-flag-source.js';
import type { DeclaredFlag } from './declared-flags.js';
import { FeatureFlags } from './feature-flags.js';
import { FlagDocument } from './flag-document.js';
import { FlagSource } from './flag-source.js';
import { FileFlagSource } from './file-flag-source.js';
import { FlagsOptions } from './flags-options.js';

/** Follows flag changes from application bootstrap until shutdown. */
@Injectable()
export class FlagsLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(private readonly flags: FeatureFlags) {}

  onApplicationBootstrap(): void {
    this.flags.watch();
  }

  async onModuleDestroy(): Promise<void> {
    await this.flags.stop();
  }
}

/**
 * `FlagsModule.forRoot(FlagsOptions.fromEnv(process.env), flagsOf(MODULES))` once in the
 * application: provides `FeatureFlags` everywhere; `flags` are the ones the code reads. The document is checked and the first values are loaded while
 * the application is created, so a broken document fails start-up; polling starts on
 * bootstrap and stops on shutdown.
 *
 * @example
 * constructor(private readonly flags: FeatureFlags) {}
 * if (this.flags.isEnabled(ExpressShipping)) …
 */
@Module({})
export class FlagsModule {
  static forRoot(options: FlagsOptions, flags: readonly DeclaredFlag[] = []): DynamicModule {
    return {
      module: FlagsModule,
      global: true,
      providers: [
        { provide: FlagsOptions, useValue: options },
        { provide: FlagSource, useFactory: () => createFlagSource(options) },
        {
          provide: FeatureFlags,
          useFactory: (source: FlagSource) =>
            FeatureFlags.load(source, FlagDocument.load(options.file, options.fileLabel()), {
              logger: new Logger('FeatureFlags'),
              flags,
            }),
          inject: [FlagSource],
        },
        FlagsLifecycle,
      ],
      exports: [FeatureFlags, FlagsOptions],
    };
  }
}

/**
 * The source `options` name. The AWS SDK's AppConfig client is loaded only for that source, so
 * a process reading the flag file does not pay for it at start-up.
 */
export async function createFlagSource(options: FlagsOptions): Promise<FlagSource> {
  const target = options.appConfig;
  if (options.source === 'file' || !target)
    return new FileFlagSource(options.file, { label: options.fileLabel() });
  if (options.source === 'agent')
    return new AgentFlagSource(target, {
      baseUrl: options.agentUrl,
      pollIntervalMs: options.pollIntervalMs,
    });
  const [{ AppConfigDataClient }, { AppConfigFlagSource }] = await Promise.all([
    import('@aws-sdk/client-appconfigdata'),
    import('./appconfig-flag-source.js'),
  ]);
  return new AppConfigFlagSource(
    // Region, credentials and endpoint come from the SDK's own chain (AWS_REGION, AWS_ENDPOINT_URL_APPCONFIGDATA, ...).
    new AppConfigDataClient({}),
    target,
    { pollIntervalMs: options.pollIntervalMs, closeClientOnStop: true },
  );
}
