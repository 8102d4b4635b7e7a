import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqsServer } from 'local-aws-sqs';
import { editFlagDocument, FlagDocument, FlagsOptions } from '#platform/flags';
import { httpClient } from './http-client.js';
import { startMonolithProcess, type MonolithProcess } from './monolith-process.js';
import { tokenFor } from './test-application.js';
import { testDatabase } from './test-database.js';

/**
 * The monolith and one module service as separate processes on this worker's test database,
 * talking over a real SQS server on loopback (local-aws-sqs), with their own flag file.
 *
 * @example
 * const system = await SplitSystem.start('payments');
 * await system.setFlag('route-payments', ['mode=canary', 'percent=50']);
 * await system.stop();
 */
export class SplitSystem {
  monolith!: MonolithProcess;
  service: MonolithProcess | undefined;

  private constructor(
    readonly module: string,
    readonly sqs: Server,
    readonly sqsUrl: string,
    readonly flagsFile: string,
    private readonly dir: string,
    readonly queuePrefix: string,
    private readonly extraEnv: Record<string, string>,
  ) {}

  /** Starts the SQS server, the monolith (`module` routed `mode`) and the module service. */
  static async start(
    module: string,
    options: { mode?: string; env?: Record<string, string>; startService?: boolean } = {},
  ): Promise<SplitSystem> {
    const sqs = await createSqsServer({
      port: 0,
      hostname: '127.0.0.1',
      emulateQueueCreationLifecycle: false,
    });
    const sqsUrl = `http://127.0.0.1:${(sqs.address() as AddressInfo).port}`;
    const dir = mkdtempSync(join(tmpdir(), 'seam-split-'));
    const flagsFile = join(dir, 'feature-flags.json');
    cpSync(FlagsOptions.documentPath({}), flagsFile);
    const system = new SplitSystem(
      module,
      sqs,
      sqsUrl,
      flagsFile,
      dir,
      `t${process.env.JEST_WORKER_ID ?? '0'}-${Date.now().toString(36)}-`,
      options.env ?? {},
    );
    try {
      await system.setFlag(`route-${module}`, ['enabled=true', `mode=${options.mode ?? 'remote'}`]);
      system.monolith = await startMonolithProcess(system.env('monolith'));
      if (options.startService ?? true) await system.startService();
    } catch (error) {
      await system.stop();
      throw error;
    }
    return system;
  }

  /** Environment of one of the processes. */
  env(role: 'monolith' | 'service', extra: Record<string, string> = {}): Record<string, string> {
    return {
      DATABASE_URL: testDatabase().adminUrl.href,
      SEAM_TRANSPORT: 'sqs',
      SEAM_SQS_QUEUE_PREFIX: this.queuePrefix,
      SEAM_SQS_CREATE_QUEUES: 'true',
      AWS_ENDPOINT_URL_SQS: this.sqsUrl,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      SEAM_FLAGS_FILE: this.flagsFile,
      SEAM_PAYMENT_GATEWAY_TIMEOUT_MS: '200',
      ...(role === 'service' ? { SEAM_MODULES: this.module } : {}),
      ...this.extraEnv,
      ...extra,
    };
  }

  async startService(extra: Record<string, string> = {}): Promise<MonolithProcess> {
    this.service = await startMonolithProcess(this.env('service', extra));
    return this.service;
  }

  /** Edits the shared flag file; running processes see the change within a second. */
  async setFlag(flag: string, assignments: string[]): Promise<void> {
    const text = readFileSync(this.flagsFile, 'utf8');
    const edited = editFlagDocument(FlagDocument.parse(text, this.flagsFile), {
      kind: 'set',
      flag,
      assignments,
    });
    writeFileSync(this.flagsFile, edited.text);
  }

  /** HTTP client of the monolith's front door as `subject`. */
  client(subject: string, roles: string[] = []) {
    return httpClient(
      () => this.monolith.baseUrl,
      () => tokenFor(subject, roles),
    );
  }

  async stop(): Promise<void> {
    for (const process of [this.service, this.monolith] as (MonolithProcess | undefined)[]) {
      if (!process || process.child.exitCode !== null) continue;
      process.child.kill('SIGKILL');
      await process.exited;
    }
    await new Promise<void>((resolve) => this.sqs.close(() => resolve()));
    rmSync(this.dir, { recursive: true, force: true });
  }
}
