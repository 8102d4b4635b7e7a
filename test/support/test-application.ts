import { Module, type INestApplication, type Type } from '@nestjs/common';
import { createRootLogger } from '#platform/observability';
import { createSeamApplication } from '#platform/runtime';
import { MonolithModule } from '#monolith/monolith.module';
import { testDatabase } from './test-database.js';

export interface TestApplication {
  readonly app: INestApplication;
  /** e.g. http://127.0.0.1:41234 */
  readonly baseUrl: string;
  close(): Promise<void>;
}

/**
 * The monolith as `npm start` builds it, on the test database and a free port.
 * `extraModules` are hosted beside it, e.g. a caller module that exists only in a test.
 */
export async function startMonolith(extraModules: Type[] = []): Promise<TestApplication> {
  const logger = createRootLogger({ level: process.env.LOG_LEVEL ?? 'silent', service: 'test' });
  @Module({
    imports: [
      MonolithModule.register({ logger, database: testDatabase(), callTimeoutMs: 5000 }),
      ...extraModules,
    ],
  })
  class TestRootModule {}
  const app = await createSeamApplication(TestRootModule, { title: 'Seam (test)' });
  await app.listen(0, '127.0.0.1');
  const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return { app, baseUrl, close: () => app.close() };
}

/** A fresh SKU per test, so tests sharing one database never collide. */
export function freshSku(prefix = 'T'): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`.toUpperCase();
}
