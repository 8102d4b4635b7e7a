import './supported-node.js';
import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createSqsServer } from 'local-aws-sqs';
import { parseCommandLine, SeamConfig } from '#platform/config';
import { editFlagDocument, FlagDocument, FlagsOptions } from '#platform/flags';
import { createRootLogger } from '#platform/observability';
import { EmbeddedPostgresServer } from '#platform/persistence';
import { runProcess } from '#platform/runtime';
import { selectModules } from './modules.js';

/**
 * `npm run start:split -- payments`: the strangler step on a laptop. Starts PostgreSQL (unless
 * DATABASE_URL is set), an SQS server on loopback (local-aws-sqs), the monolith with the named
 * modules routed `remote`, and one service process hosting them, each process's log lines
 * prefixed with its name. Flags live in `<SEAM_DATA_DIR>/split/feature-flags.json`; flip them
 * with `SEAM_FLAGS_FILE=.data/split/feature-flags.json npm run flags -- set route-payments mode=local`.
 */
const { positionals } = parseCommandLine(
  `usage: npm run start:split -- [<module> …]   (default: payments)

Starts PostgreSQL, an SQS server on loopback, the monolith with the named modules routed
remote, and one service hosting them. Ctrl-C stops them all.
`,
  { allowPositionals: true },
);
const logger = createRootLogger({ level: process.env.LOG_LEVEL ?? 'info', service: 'split' });
const MAIN = join(import.meta.dirname, 'main.js');

await runProcess(logger, async (onStop) => {
  const extracted = selectModules(positionals.length > 0 ? positionals : ['payments']).map(
    (entry) => entry.name,
  );
  const config = SeamConfig.fromEnv(process.env);

  let databaseUrl = config.databaseUrl?.href;
  if (!databaseUrl) {
    const postgres = await EmbeddedPostgresServer.start({
      dataDir: config.dataDir,
      port: config.embeddedPostgresPort,
      logger: logger.child({ component: 'EmbeddedPostgres' }),
    });
    onStop(() => postgres.stop());
    databaseUrl = postgres.adminUrl.href;
  }

  const sqsPort = Number(process.env.SEAM_SPLIT_SQS_PORT ?? 9324);
  const sqs = await createSqsServer({
    port: sqsPort,
    hostname: '127.0.0.1',
    emulateQueueCreationLifecycle: false,
  });
  onStop(() => new Promise<void>((resolve) => sqs.close(() => resolve())));
  const sqsUrl = `http://127.0.0.1:${(sqs.address() as AddressInfo).port}`;
  logger.info({ sqsUrl }, 'SQS server listening on loopback');

  const flagsFile = routedRemote(join(config.dataDir, 'split', 'feature-flags.json'), extracted);
  logger.info({ flagsFile, remote: extracted }, 'Flags: the extracted modules are routed remote');

  const shared = {
    DATABASE_URL: databaseUrl,
    SEAM_TRANSPORT: 'sqs',
    AWS_ENDPOINT_URL_SQS: sqsUrl,
    AWS_REGION: process.env.AWS_REGION ?? 'us-east-1',
    AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID ?? 'local',
    AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY ?? 'local',
    SEAM_FLAGS_FILE: flagsFile,
  };
  const children = [
    start('monolith', { ...shared, PORT: String(config.port) }),
    start(extracted.join('+'), {
      ...shared,
      SEAM_MODULES: extracted.join(','),
      PORT: process.env.SEAM_SPLIT_SERVICE_PORT ?? String(config.port + 1),
    }),
  ];
  // Stopped before the SQS server and the database they use.
  onStop(() => Promise.all(children.map(stop)).then(() => undefined));
});

function routedRemote(path: string, modules: readonly string[]): string {
  mkdirSync(join(path, '..'), { recursive: true });
  if (!existsSync(path)) writeFileSync(path, readFileSync(FlagsOptions.documentPath({}), 'utf8'));
  let text = readFileSync(path, 'utf8');
  for (const module of modules) {
    const edited = editFlagDocument(FlagDocument.parse(text, path), {
      kind: 'set',
      flag: `route-${module}`,
      assignments: ['enabled=true', 'mode=remote'],
    });
    text = edited.text;
  }
  writeFileSync(path, text);
  return path;
}

function start(name: string, env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, ...env },
    // Its own process group, so that Ctrl-C reaches only this process, which stops each child
    // once: a second signal would make the child exit without finishing its messages.
    detached: true,
    // The IPC channel closes however this process ends (even SIGKILL): the child then stops.
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  for (const stream of [child.stdout!, child.stderr!]) {
    let partial = '';
    stream.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) process.stdout.write(`[${name}] ${line}\n`);
    });
  }
  child.on('exit', (code, signal) =>
    logger.info({ process: name, code, signal }, `${name} exited`),
  );
  return child;
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
