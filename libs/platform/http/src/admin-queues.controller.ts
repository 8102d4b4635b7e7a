import {
  ConflictException,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
} from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { FeatureFlags } from '#platform/flags';
import { TransportServers, type QueueDepth, type SqsQueueAdmin } from '#platform/messaging';
import { AdminAudit } from '#platform/persistence';
import { actingAdmin, audited } from './admin-actor.js';
import { CurrentPrincipal, Roles, type Principal } from './auth/principal.js';
import { ModuleParams } from './outbox-admin.controller.js';

class QueueDepthDto {
  @ApiProperty({ example: 'payments' }) module!: string;
  @ApiProperty({ example: 'seam-payments' }) queue!: string;
  @ApiProperty({ description: 'Messages waiting' }) depth!: number;
  @ApiProperty({ description: 'Messages being handled now' }) inFlight!: number;
  @ApiProperty({ example: 'seam-payments-dlq' }) deadLetterQueue!: string;
  @ApiProperty({ description: 'Messages in the dead-letter queue' }) deadLetters!: number;
}

class QueuesDto {
  @ApiProperty({ description: 'False without the SQS transport: then there are no queues' })
  sqs!: boolean;
  @ApiProperty({ type: [QueueDepthDto] }) queues!: QueueDepth[];
}

class DeadLetterRedriveDto {
  @ApiProperty({ example: 'payments' }) module!: string;
  @ApiProperty({ description: 'Messages moved back to the command queue' }) moved!: number;
}

/** The modules' SQS queues and their dead letters (with the SQS transport). */
@ApiTags('admin')
@Roles('admin')
@Controller('admin/queues')
export class AdminQueuesController {
  constructor(
    private readonly transports: TransportServers,
    private readonly audit: AdminAudit,
    private readonly flags: FeatureFlags,
  ) {}

  @Get()
  @ApiOperation({ summary: "Each module's command queue and DLQ with their depths" })
  @ApiForbiddenResponse({ description: 'The caller is not an administrator' })
  @ApiOkResponse({ type: QueuesDto })
  async queues(): Promise<QueuesDto> {
    const admin = this.transports.queueAdmin;
    if (!admin) return { sqs: false, queues: [] };
    return {
      sqs: true,
      queues: await Promise.all(this.flags.routedModules().map((module) => admin.depth(module))),
    };
  }

  @Post(':module/dlq/redrive')
  @HttpCode(200)
  @ApiOperation({
    summary: "Move a module's dead letters back onto its command queue (up to 1000)",
    description:
      'Audited (`dlq.redrive`) in the log of the module, with the depths before and after.',
  })
  @ApiForbiddenResponse({ description: 'The caller is not an administrator' })
  @ApiNotFoundResponse({ description: 'No such module, or no SQS transport in this process' })
  @ApiConflictResponse({ description: "The module's audit log is not in this process" })
  @ApiOkResponse({ type: DeadLetterRedriveDto })
  async redrive(
    @Param() params: ModuleParams,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DeadLetterRedriveDto> {
    const admin = this.queueAdminFor(params.module);
    if (!this.audit.hosts(params.module))
      throw new ConflictException(
        `Module "${params.module}" is not hosted by this process, so a redrive of its DLQ cannot be audited here`,
      );
    const before = await admin.depth(params.module);
    const moved = await admin.redriveDeadLetters(params.module);
    const after = await admin.depth(params.module);
    await audited(() =>
      this.audit.record(params.module, {
        ...actingAdmin(principal),
        action: 'dlq.redrive',
        target: `${params.module}/${before.deadLetterQueue}`,
        before: { deadLetters: before.deadLetters, depth: before.depth },
        after: { moved, deadLetters: after.deadLetters, depth: after.depth },
      }),
    );
    return { module: params.module, moved };
  }

  private queueAdminFor(module: string): SqsQueueAdmin {
    const admin = this.transports.queueAdmin;
    if (!admin) throw new NotFoundException('This process has no SQS transport: no queues');
    if (!this.flags.routedModules().includes(module))
      throw new NotFoundException(`No module "${module}"`);
    return admin;
  }
}
