import { Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ModuleSchema } from './module-schema.js';

export class HostedSchemas {
  constructor(readonly schemas: readonly ModuleSchema[]) {}
}

const PING_TIMEOUT_MS = 2000;

/** Readiness of the database: every hosted module can reach PostgreSQL as its own role. */
@Injectable()
export class DatabaseHealthIndicator {
  private readonly logger = new Logger('DatabaseHealth');

  constructor(
    private readonly hosted: HostedSchemas,
    private readonly moduleRef: ModuleRef,
    private readonly indicator: HealthIndicatorService,
  ) {}

  async check(): Promise<HealthIndicatorResult> {
    const check = this.indicator.check('database');
    const results = await Promise.all(
      this.hosted.schemas.map(async ({ module }) => {
        const dataSource = this.moduleRef.get<DataSource>(getDataSourceToken(module), {
          strict: false,
        });
        try {
          await withTimeout(dataSource.query('SELECT 1'), PING_TIMEOUT_MS);
          return [module, 'up'] as const;
        } catch (error) {
          // The endpoint is public: the reason goes to the log, not to the caller.
          this.logger.warn({ module, err: error }, 'Database unreachable for module');
          return [module, 'down'] as const;
        }
      }),
    );
    const modules = Object.fromEntries(results);
    return results.every(([, status]) => status === 'up')
      ? check.up({ modules })
      : check.down({ modules });
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    work.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}
