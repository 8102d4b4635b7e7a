import 'reflect-metadata';
import { SeamConfig } from '#platform/config';
import { FlagsOptions } from '#platform/flags';
import { AuthOptions } from '#platform/http';
import { createRootLogger } from '#platform/observability';
import { SchemaMigrator } from '#platform/persistence';
import { createSeamApplication, runProcess } from '#platform/runtime';
import { SecretsOptions } from '#platform/secrets';
import { WorkflowOptions } from '#platform/workflows';
import { openDatabase } from './database-server.js';
import { HOSTED_MODULES } from './hosted-modules.js';
import { MonolithModule } from './monolith.module.js';

const bootLogger = createRootLogger({
  level: process.env.LOG_LEVEL ?? 'info',
  service: 'monolith',
});

await runProcess(bootLogger, async (onStop) => {
  const config = SeamConfig.fromEnv(process.env);
  const secrets = SecretsOptions.fromEnv(process.env);
  const auth = await AuthOptions.fromEnv(process.env, config.dataDir);
  const workflows = WorkflowOptions.fromEnv(process.env);
  const flags = FlagsOptions.fromEnv(process.env);
  const logger = createRootLogger({ level: config.logLevel, service: 'monolith' });

  const database = await openDatabase(config, secrets, logger);
  onStop(database.stop);

  await new SchemaMigrator(database.connection, logger).migrate(
    HOSTED_MODULES.map((hosted) => hosted.schema),
  );

  const app = await createSeamApplication(
    MonolithModule.register({
      logger,
      database: database.connection,
      callTimeoutMs: config.callTimeoutMs,
      auth,
      writesPerMinute: config.writesPerMinute,
      workflows,
      flags,
    }),
    { title: 'Seam' },
  );
  onStop(() => app.close());
  await app.listen(config.port);
  logger.info({ url: await app.getUrl(), docs: `${await app.getUrl()}/docs` }, 'Seam is ready');
});
