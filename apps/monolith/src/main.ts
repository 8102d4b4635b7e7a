import './supported-node.js';
import 'reflect-metadata';
import { join } from 'node:path';
import { projectRoot, SeamConfig } from '#platform/config';
import { FlagsOptions } from '#platform/flags';
import { AuthOptions, HttpOptions, StorefrontConfig } from '#platform/http';
import { BreakerOptions, SqsOptions } from '#platform/messaging';
import { createRootLogger } from '#platform/observability';
import { SchemaMigrator } from '#platform/persistence';
import { createSeamApplication, listenSeamApplication, runProcess } from '#platform/runtime';
import { SecretsOptions } from '#platform/secrets';
import { WorkflowOptions } from '#platform/workflows';
import { openDatabase } from './database-server.js';
import { MonolithModule } from './monolith.module.js';
import { ProcessOptions } from './process-options.js';

const bootLogger = createRootLogger({
  level: process.env.LOG_LEVEL ?? 'info',
  service: process.env.SEAM_MODULES ?? 'monolith',
});

await runProcess(bootLogger, async (onStop) => {
  const config = SeamConfig.fromEnv(process.env);
  const secrets = SecretsOptions.fromEnv(process.env);
  const auth = await AuthOptions.fromEnv(process.env, config.dataDir);
  const http = HttpOptions.fromEnv(process.env);
  const workflows = WorkflowOptions.fromEnv(process.env);
  const flags = FlagsOptions.fromEnv(process.env);
  const processOptions = ProcessOptions.fromEnv(process.env);
  const sqs = SqsOptions.fromEnv(process.env);
  if (processOptions.dedicated && !sqs)
    throw new Error(
      'A module service (SEAM_MODULES) needs the SQS transport: set SEAM_TRANSPORT=sqs',
    );
  const logger = createRootLogger({ level: config.logLevel, service: processOptions.service });

  const database = await openDatabase(config, secrets, logger, processOptions.service);
  onStop(database.stop);

  // In AWS the migrate task has run already (docs/deploy.md): services hold no admin login.
  if (config.migrateOnStart)
    await new SchemaMigrator(database.connection, logger).migrate(
      processOptions.modules.map((entry) => entry.schema),
    );

  const app = await createSeamApplication(
    MonolithModule.register({
      logger,
      database: database.connection,
      callTimeoutMs: config.callTimeoutMs,
      auth,
      writesPerMinute: config.writesPerMinute,
      authFailuresPerMinute: config.authFailuresPerMinute,
      workflows,
      flags,
      modules: processOptions.modules,
      dedicated: processOptions.dedicated,
      backgroundWork: processOptions.role !== 'web',
      sqs,
      breakers: BreakerOptions.fromEnv(process.env),
    }),
    // The storefront (apps/storefront) at `/` and the operator console (apps/console) at
    // `/console/`, built by `npm run build`.
    {
      title: 'Seam',
      http,
      storefrontDir: join(projectRoot(), 'dist/apps/storefront'),
      storefrontConfig: StorefrontConfig.fromEnv(process.env, auth),
      consoleDir: join(projectRoot(), 'dist/apps/console'),
    },
  );
  onStop(() => app.close());
  // A worker serves no API: only health, metrics and docs on the admin listener.
  const { url, adminUrl } = await listenSeamApplication(app, {
    port: config.port,
    serveApi: processOptions.role !== 'worker',
  });
  logger.info(
    {
      url,
      adminUrl,
      docs: `${adminUrl ?? url}/docs`,
      service: processOptions.service,
      modules: processOptions.modules.map((entry) => entry.name),
      role: processOptions.role,
      transport: sqs ? 'sqs' : 'in-process',
    },
    'Seam is ready',
  );
});
