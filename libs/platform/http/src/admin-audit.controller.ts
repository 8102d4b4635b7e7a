import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { AdminAudit, type AuditRecord } from '#platform/persistence';
import { Roles } from './auth/principal.js';
import { PageRequest } from './page.request.js';

export class ListAuditRequest extends PageRequest {
  @ApiPropertyOptional({ example: 'outbox.redrive', description: 'Only this action' })
  @IsOptional()
  @Matches(/^[a-z][a-z.-]{0,63}$/, { message: 'action must be an action name, e.g. flag.set' })
  action?: string;

  @ApiPropertyOptional({
    example: 'ops',
    description: "Only this operator's actions (token subject)",
  })
  @IsOptional()
  @IsString()
  @Length(1, 256)
  actor?: string;

  @ApiPropertyOptional({
    example: 'shipping/outbox',
    description: 'Only actions on targets starting with this',
  })
  @IsOptional()
  @IsString()
  @Length(1, 512)
  target?: string;

  @ApiPropertyOptional({ example: 'shipping', description: "Only this module's log" })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_]{0,39}$/, { message: 'module must be a module name' })
  module?: string;
}

class AuditRecordDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'shipping', description: 'The module whose log holds the row' })
  module!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ example: 'ops', description: 'Token subject of the operator' }) actor!: string;
  @ApiProperty({ example: 'outbox.redrive' }) action!: string;
  @ApiProperty({ example: 'shipping/outbox' }) target!: string;
  @ApiProperty({ type: Object, nullable: true, description: 'State before the action' })
  before!: unknown;
  @ApiProperty({ type: Object, nullable: true, description: 'State after the action' })
  after!: unknown;
  @ApiProperty({ nullable: true, type: String, description: 'Trace of the request that acted' })
  traceId!: string | null;
}

class AuditPageDto {
  @ApiProperty({ type: [AuditRecordDto] }) items!: AuditRecord[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

/** Operators' actions, as every hosted module's audit log recorded them. */
@ApiTags('admin')
@Roles('admin')
@Controller('admin/audit')
export class AdminAuditController {
  constructor(private readonly audit: AdminAudit) {}

  @Get()
  @ApiOperation({ summary: 'List audited operator actions, newest first' })
  @ApiBadRequestResponse({ description: 'A filter or the page is not valid' })
  @ApiForbiddenResponse({ description: 'The caller is not an administrator' })
  @ApiOkResponse({ type: AuditPageDto })
  async list(@Query() query: ListAuditRequest): Promise<AuditPageDto> {
    const items = await this.audit.list(query);
    return { items, page: query.page, pageSize: query.pageSize };
  }
}
