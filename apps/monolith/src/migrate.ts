import './supported-node.js';
import 'reflect-metadata';
import { parseCommandLine, SeamConfig } from '#platform/config';
import { createRootLogger } from '#platform/observability';
import { SchemaMigrator } from '#platform/persistence';
import { runProcess } from '#platform/runtime';
import { SecretsOptions } from '#platform/secrets';
import { openDatabase } from './database-server.js';
import { MODULES } from './modules.js';

/** `npm run migrate`: applies every hosted module's pending migrations, then exits. */
parseCommandLine(
  `usage: npm run migrate

Applies every module's pending migrations to the database npm start uses (DATABASE_URL, or
embedded PostgreSQL with the data in SEAM_DATA_DIR), then exits.
`,
  {},
);
const logger = createRootLogger({ level: process.env.LOG_LEVEL ?? 'info', service: 'migrate' });

await runProcess(logger, async () => {
  const config = SeamConfig.fromEnv(process.env);
  const secrets = SecretsOptions.fromEnv(process.env);
  const database = await openDatabase(config, secrets, logger);
  try {
    await new SchemaMigrator(database.connection, logger).migrate(
      MODULES.map((hosted) => hosted.schema),
    );
  } finally {
    await database.stop();
  }
});
