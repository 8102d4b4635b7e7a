import { Module, type INestApplication, type Type } from '@nestjs/common';
import { createRootLogger } from '#platform/observability';
import { AuthOptions, HttpOptions, issueDevToken, StorefrontConfig } from '#platform/http';
import { createSeamApplication, listenSeamApplication } from '#platform/runtime';
import { WorkflowOptions } from '#platform/workflows';
import { WorkflowRunner } from '../../libs/platform/workflows/src/workflow-runner.js';
import { MonolithModule } from '#monolith/monolith.module';
import { copyOfFlagDocument } from './flags.js';
import { httpClient } from './http-client.js';
import { testDatabase } from './test-database.js';

export interface TestApplication {
  readonly app: INestApplication;
  /** e.g. http://127.0.0.1:41234 */
  readonly baseUrl: string;
  /** The admin listener (health, metrics, docs), when `http.adminPort` is set. */
  readonly adminUrl?: string;
  /** The application's own copy of the flag document (see setFlag in flags.ts). */
  readonly flagsFile: string;
  close(): Promise<void>;
}

/** The development signing key of every test application. */
export const TEST_AUTH_SECRET = 'seam-test-signing-key-0123456789abcdef';

export interface TestMonolithOptions {
  /** Hosted beside the monolith, e.g. a caller module that exists only in a test. */
  readonly extraModules?: Type[];
  readonly writesPerMinute?: number;
  readonly authFailuresPerMinute?: number;
  /** Trust proxy hops, admin listener, CORS (local defaults when absent). */
  readonly http?: HttpOptions;
  /** false: a worker's listeners (no API; health, metrics, docs only). */
  readonly serveApi?: boolean;
  readonly workflows?: WorkflowOptions;
  /**
   * false: stop the workflow runner once started, so placed orders stay PENDING. For tests of
   * one module that drive the saga's steps themselves.
   */
  readonly runWorkflows?: boolean;
  /** How tokens are verified; the test key (which also mints dev tokens) when absent. */
  readonly auth?: AuthOptions;
  /** The built storefront to serve at `/` (`npm run build` puts it in dist/apps/storefront). */
  readonly storefrontDir?: string;
  /** How the storefront signs in: as `npm start` decides from `auth` when absent. */
  readonly storefrontConfig?: StorefrontConfig;
  /** The built operator console to serve at `/console/` (dist/apps/console). */
  readonly consoleDir?: string;
}

/** The monolith as `npm start` builds it, on the test database and a free port. */
export async function startMonolith(
  options: TestMonolithOptions | Type[] = {},
): Promise<TestApplication> {
  const {
    extraModules = [],
    writesPerMinute = 100_000,
    authFailuresPerMinute = 100_000,
    http,
    serveApi = true,
    workflows = new WorkflowOptions('local'),
    runWorkflows = true,
    auth = AuthOptions.forDevSecret(TEST_AUTH_SECRET),
    storefrontDir,
    storefrontConfig = StorefrontConfig.fromEnv({}, auth),
    consoleDir,
  } = Array.isArray(options) ? { extraModules: options } : options;
  const flags = await copyOfFlagDocument();
  const logger = createRootLogger({ level: process.env.LOG_LEVEL ?? 'silent', service: 'test' });
  @Module({
    imports: [
      MonolithModule.register({
        logger,
        database: testDatabase(),
        callTimeoutMs: 5000,
        auth,
        writesPerMinute,
        authFailuresPerMinute,
        workflows,
        flags: flags.options,
      }),
      ...extraModules,
    ],
  })
  class TestRootModule {}
  const app = await createSeamApplication(TestRootModule, {
    title: 'Seam (test)',
    http,
    storefrontDir,
    storefrontConfig,
    consoleDir,
  });
  if (!runWorkflows) await app.get(WorkflowRunner, { strict: false }).stop();
  const { url, adminUrl } = await listenSeamApplication(app, {
    port: 0,
    host: '127.0.0.1',
    serveApi,
  });
  return {
    app,
    baseUrl: url ?? adminUrl!,
    adminUrl,
    flagsFile: flags.options.file,
    close: async () => {
      await app.close();
      await flags.remove();
    },
  };
}

/** A bearer token for a customer (`tokenFor('c1')`) or an administrator (`tokenFor('ops', ['admin'])`). */
export function tokenFor(subject: string, roles: string[] = []): Promise<string> {
  return issueDevToken(new TextEncoder().encode(TEST_AUTH_SECRET), { subject, roles });
}

/** A fresh SKU per test, so tests sharing one database never collide. */
export function freshSku(prefix = 'T'): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`.toUpperCase();
}

/**
 * HTTP clients for a test application: `as('c1')` for a customer, `as('ops', ['admin'])` for an
 * administrator. Takes a getter because specs build clients before the application starts.
 */
export function clientsFor(application: () => TestApplication) {
  return (subject: string, roles: string[] = []) =>
    httpClient(
      () => application().baseUrl,
      () => tokenFor(subject, roles),
    );
}
