import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post } from '@nestjs/common';
import {
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { OutboxRegistry, type ParkedEvent } from '#platform/messaging';
import { Roles } from './auth/principal.js';

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
  constructor(private readonly outboxes: OutboxRegistry) {}

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
  @ApiOperation({ summary: "Put a module's parked outbox events back in line" })
  @ApiForbiddenResponse({ description: 'The caller is not an administrator' })
  @HttpCode(200)
  @ApiOkResponse({ description: '{ module, redriven }: how many parked events are back in line' })
  async redrive(
    @Param() params: ModuleParams,
    @Body() body: RedriveRequest,
  ): Promise<{ module: string; redriven: number }> {
    const outbox = this.outboxes.get(params.module);
    if (!outbox)
      throw new NotFoundException(`No outbox for module "${params.module}" in this process`);
    return { module: params.module, redriven: await outbox.redrive(body.ids) };
  }
}
