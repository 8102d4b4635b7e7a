import { Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import {
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import {
  EXECUTION_STATUSES,
  WorkflowRegistry,
  type ExecutionDetails,
  type ExecutionStatus,
  type ExecutionSummary,
} from '#platform/workflows';
import { Roles } from './auth/principal.js';
import { PageRequest } from './page.request.js';

export class ListExecutionsRequest extends PageRequest {
  @ApiPropertyOptional({ enum: EXECUTION_STATUSES })
  @IsOptional()
  @IsIn(EXECUTION_STATUSES)
  status?: ExecutionStatus;

  @ApiPropertyOptional({ example: 'order-fulfilment' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9-]{0,63}$/, { message: 'workflow must be a workflow name' })
  workflow?: string;
}

export class ExecutionIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id!: string;
}

class ExecutionSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'ordering' }) module!: string;
  @ApiProperty({ example: 'order-fulfilment' }) workflow!: string;
  @ApiProperty({ description: 'Business key, e.g. the order id' }) name!: string;
  @ApiProperty({ enum: ['local', 'stepfunctions'] }) engine!: string;
  @ApiProperty({ enum: EXECUTION_STATUSES }) status!: string;
  @ApiProperty({ description: 'Runs so far; more than 1 after a crash re-drove it' }) runs!: number;
  @ApiProperty({ nullable: true, type: String }) error!: string | null;
  @ApiProperty({ nullable: true, type: String }) cause!: string | null;
  @ApiProperty({ nullable: true, type: String }) definitionHash!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Step Functions execution ARN' })
  externalId!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: String }) startedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) endedAt!: string | null;
}

class ExecutionPageDto {
  @ApiProperty({ type: [ExecutionSummaryDto] }) items!: ExecutionSummary[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

class ExecutionStepDto {
  @ApiProperty() run!: number;
  @ApiProperty() seq!: number;
  @ApiProperty({ example: 'AuthorizePayment' }) state!: string;
  @ApiProperty({ nullable: true, type: String, example: 'payments.authorize' }) pattern!:
    string | null;
  @ApiProperty({ enum: ['RUNNING', 'SUCCEEDED', 'FAILED', 'CAUGHT'] }) status!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty() startedAt!: string;
  @ApiProperty({ nullable: true, type: String }) endedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) error!: string | null;
  @ApiProperty({ nullable: true, type: String }) cause!: string | null;
}

class ExecutionDetailsDto extends ExecutionSummaryDto {
  @ApiProperty({ type: Object }) input!: unknown;
  @ApiProperty({ type: Object, nullable: true }) output!: unknown;
  @ApiProperty({ type: [ExecutionStepDto] }) steps!: ExecutionStepDto[];
}

/** Operators' view of workflow executions run by this process's modules, newest first. */
@ApiTags('admin')
@Roles('admin')
@Controller('workflows/executions')
export class WorkflowExecutionsController {
  constructor(private readonly workflows: WorkflowRegistry) {}

  @Get()
  @ApiOperation({ summary: 'List workflow executions' })
  @ApiForbiddenResponse({ description: 'The caller is not an administrator' })
  @ApiOkResponse({ type: ExecutionPageDto })
  async list(@Query() query: ListExecutionsRequest): Promise<ExecutionPageDto> {
    const wanted = query.page * query.pageSize;
    const perModule = await Promise.all(
      this.workflows
        .all()
        .map((store) =>
          store.list({ status: query.status, workflow: query.workflow, limit: wanted, offset: 0 }),
        ),
    );
    const items = perModule
      .flat()
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id))
      .slice(wanted - query.pageSize, wanted);
    return { items, page: query.page, pageSize: query.pageSize };
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a workflow execution and its step timeline' })
  @ApiForbiddenResponse({ description: 'The caller is not an administrator' })
  @ApiNotFoundResponse({ description: 'No workflow execution with this id' })
  @ApiOkResponse({ type: ExecutionDetailsDto, description: 'The execution and its step timeline' })
  async get(@Param() params: ExecutionIdParams): Promise<ExecutionDetails> {
    for (const store of this.workflows.all()) {
      const execution = await store.get(params.id);
      if (execution) return execution;
    }
    throw new NotFoundException(`No workflow execution ${params.id}`);
  }
}
