import { Controller, Get } from '@nestjs/common';
import {
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { FeatureFlags, ROUTE_MODES } from '#platform/flags';
import { MessagingOptions, TransportServers, type BreakerDetails } from '#platform/messaging';
import { AdminAudit } from '#platform/persistence';
import { Roles } from './auth/principal.js';

class ModulePlacementDto {
  @ApiProperty({ example: 'payments' }) module!: string;
  @ApiProperty({
    enum: ROUTE_MODES,
    description: 'The route flag (applied with the SQS transport)',
  })
  mode!: string;
  @ApiProperty({ description: 'Share of calls sent remote in canary mode' }) percent!: number;
  @ApiProperty({ description: "Whether this process hosts the module's code and schema" })
  hostedHere!: boolean;
  @ApiProperty({
    example: 'this process',
    description: "Which process answers the module's calls, as routing stands now",
  })
  servedBy!: string;
}

class TopologyDto {
  @ApiProperty({ enum: ['in-process', 'sqs'] }) transport!: string;
  @ApiProperty({ description: 'True for a module service (SEAM_MODULES)' }) dedicated!: boolean;
  @ApiProperty({ description: 'Runs queue consumers, relays and workflow runners' })
  backgroundWork!: boolean;
  @ApiProperty({ type: [ModulePlacementDto] }) modules!: ModulePlacementDto[];
}

class BreakerDto {
  @ApiProperty({ example: 'payments' }) module!: string;
  @ApiProperty({ example: 'payments.authorize' }) pattern!: string;
  @ApiProperty({ enum: ['closed', 'half-open', 'open'] }) state!: string;
  @ApiProperty({
    type: 'object',
    properties: {
      fires: { type: 'number' },
      successes: { type: 'number' },
      failures: { type: 'number' },
      rejects: { type: 'number' },
      timeouts: { type: 'number' },
    },
    description: 'Counts over the rolling window',
  })
  window!: BreakerDetails['window'];
  @ApiProperty({
    type: 'object',
    properties: { capacity: { type: 'number' }, inFlight: { type: 'number' } },
    description: 'The bulkhead: calls under way against its capacity',
  })
  bulkhead!: BreakerDetails['bulkhead'];
}

/** Where each module runs and how calls to it are guarded, as this process sees it. */
@ApiTags('admin')
@Roles('admin')
@Controller('admin')
export class AdminTopologyController {
  constructor(
    private readonly flags: FeatureFlags,
    private readonly messaging: MessagingOptions,
    private readonly transports: TransportServers,
    private readonly audit: AdminAudit,
  ) {}

  @Get('topology')
  @ApiOperation({
    summary: 'Each module: route flag, whether hosted here, which process serves it',
  })
  @ApiForbiddenResponse({ description: 'The caller is not an administrator' })
  @ApiOkResponse({ type: TopologyDto })
  topology(): TopologyDto {
    const remote = this.messaging.remote;
    const hosted = new Set(remote ? remote.placement.hosted : this.audit.modules());
    const dedicated = remote?.placement.dedicated ?? false;
    return {
      transport: remote ? 'sqs' : 'in-process',
      dedicated,
      backgroundWork: this.messaging.backgroundWork,
      modules: this.flags.routedModules().map((module) => {
        const { mode, percent } = this.flags.route(module);
        const hostedHere = hosted.has(module);
        return {
          module,
          mode,
          percent,
          hostedHere,
          servedBy: servedBy(mode, percent, hostedHere, remote !== undefined, dedicated, module),
        };
      }),
    };
  }

  @Get('breakers')
  @ApiOperation({ summary: 'Circuit breakers and bulkheads of calls to other processes, live' })
  @ApiForbiddenResponse({ description: 'The caller is not an administrator' })
  @ApiOkResponse({
    type: [BreakerDto],
    description: 'One per (module, pattern) called remotely so far; none without the SQS transport',
  })
  breakers(): BreakerDetails[] {
    return this.transports.breakerDetails();
  }
}

function servedBy(
  mode: string,
  percent: number,
  hostedHere: boolean,
  sqs: boolean,
  dedicated: boolean,
  module: string,
): string {
  const service = `the ${module} service (over SQS)`;
  if (!sqs) return hostedHere ? 'this process' : 'nobody (not hosted, no SQS transport)';
  if (dedicated) return hostedHere ? 'this process' : `another process (over SQS)`;
  if (!hostedHere || mode === 'remote') return service;
  if (mode === 'canary') return `this process, and ${service} for ${percent}% of calls`;
  if (mode === 'shadow') return `this process (queries mirrored to ${service})`;
  return 'this process';
}
