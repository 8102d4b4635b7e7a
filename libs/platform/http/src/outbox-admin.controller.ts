import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { OutboxRegistry, type ParkedEvent } from '#platform/messaging';
import { AdminAudit } from '#platform/persistence';
import { actingAdmin, audited } from './admin-actor.js';
import { CurrentPrincipal, Roles, type Principal } from './auth/principal.js';

export class ParkedEventDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'shipping.shipment-created' }) pattern!: string;
  @ApiProperty() aggregateId!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty({ nullable: true, type: String }) lastError!: string | null;
  @ApiProperty() parkedAt!: string;
}

export class ModuleParkedEventsDto {
  @ApiProperty() module!: string;
  @ApiProperty({ type: [ParkedEventDto] }) events!: ParkedEvent[];
}

export class OutboxLagDto {
  @ApiProperty() module!: string;
  @ApiProperty({ description: 'Events written but not delivered yet (parked ones aside)' })
  pending!: number;
  @ApiProperty({ description: 'Age of the oldest of them in milliseconds; 0 when none wait' })
  oldestPendingMs!: number;
  @ApiProperty({ description: 'Events waiting for an operator' }) parked!: number;
}

export class RedriveRequest {
  @ApiPropertyOptional({
    type: [String],
    description: 'Parked event ids; omit to redrive every parked event of the module',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  ids?: string[];
}

export class ModuleParams {
  @ApiProperty({ example: 'shipping' })
  @IsString()
  @Length(1, 40)
  module!: string;
}

/** Operators' view of events that failed too often, and the way to send them again. */
@ApiTags('admin')
@Roles('admin')
@Controller('admin/outbox')
export class OutboxAdminController {
  constructor(
    private readonly outboxes: OutboxRegistry,
    private readonly audit: AdminAudit,
  ) {}

  @Get()
  @ApiOperation({ summary: "How far behind each module's outbox delivery is" })
  @ApiForbiddenResponse({ description: 'The caller is not an administrator' })
  @ApiOkResponse({ type: [OutboxLagDto], description: 'Every module outbox hosted here' })
  async lag(): Promise<OutboxLagDto[]> {
    return Promise.all(
      this.outboxes
        .all()
        .map(async (outbox) => ({ module: outbox.module, ...(await outbox.lag()) })),
    );
  }

  @Get('parked')
  @ApiOperation({ summary: 'List the parked outbox events of every module' })
  @ApiForbiddenResponse({ description: 'The caller is not an administrator' })
  @ApiOkResponse({
    type: [ModuleParkedEventsDto],
    description: 'Parked events of every module hosted here (up to 100 each)',
  })
  async parked(): Promise<ModuleParkedEventsDto[]> {
    return Promise.all(
      this.outboxes
        .all()
        .map(async (outbox) => ({ module: outbox.module, events: await outbox.parked() })),
    );
  }

  @Post(':module/redrive')
  @ApiOperation({
    summary: "Put a module's parked outbox events back in line",
    description: 'Audited (GET /admin/audit, action `outbox.redrive`) in the same transaction.',
  })
  @ApiForbiddenResponse({ description: 'The caller is not an administrator' })
  @ApiNotFoundResponse({ description: 'No outbox of this module in this process' })
  @ApiConflictResponse({ description: "The module's audit log is not in this process" })
  @HttpCode(200)
  @ApiOkResponse({ description: '{ module, redriven }: how many parked events are back in line' })
  async redrive(
    @Param() params: ModuleParams,
    @Body() body: RedriveRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<{ module: string; redriven: number }> {
    const outbox = this.outboxes.get(params.module);
    if (!outbox)
      throw new NotFoundException(`No outbox for module "${params.module}" in this process`);
    const action = {
      ...actingAdmin(principal),
      action: 'outbox.redrive',
      target: `${params.module}/outbox${body.ids?.length === 1 ? `/${body.ids[0]}` : ''}`,
    };
    const redriven = await audited(() =>
      this.audit.perform(params.module, action, async (transaction) => {
        const events = await outbox.redriveParked(body.ids, transaction);
        return {
          result: events.length,
          before: { requested: body.ids ?? 'all', parked: events },
          after: { redriven: events.map((event) => event.id) },
        };
      }),
    );
    return { module: params.module, redriven };
  }
}
