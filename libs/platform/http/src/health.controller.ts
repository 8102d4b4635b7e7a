import { Controller, Get, HttpCode, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  HealthCheckService,
  HealthIndicatorService,
  type HealthCheckResult,
} from '@nestjs/terminus';
import type { Response } from 'express';
import { TransportServers } from '#platform/messaging';
import { DatabaseHealthIndicator } from '#platform/persistence';
import { Public } from './auth/principal.js';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: DatabaseHealthIndicator,
    private readonly indicator: HealthIndicatorService,
    private readonly transports: TransportServers,
  ) {}

  @Get('live')
  @HttpCode(200)
  @ApiOperation({ summary: 'Liveness: the process is running and serving HTTP.' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({
    summary:
      'Readiness: every hosted module reaches its database schema (503 if not); circuit breakers of remote modules and the queues consumed are listed (an open breaker does not make this process unready).',
  })
  async ready(
    @Res({ passthrough: true }) response: Response,
  ): Promise<HealthCheckResult | string | object> {
    try {
      return await this.health.check([() => this.database.check(), () => this.remoteModules()]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      response.status(503);
      return error.getResponse();
    }
  }

  /** Breakers and consumed queues: informative only, a remote module's outage is not ours. */
  private remoteModules() {
    const breakers = Object.fromEntries(
      this.transports
        .breakers()
        .map(({ module, pattern, state }) => [`${module} ${pattern}`, state]),
    );
    return this.indicator.check('remoteModules').up({
      breakers,
      consumedQueues: this.transports.sqs?.consumedModules() ?? [],
    });
  }
}
