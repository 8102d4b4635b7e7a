import {
  Body,
  ConflictException,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import type { EntityManager } from 'typeorm';
import { TraceParent, Tracing, type ReadableSpan } from '#platform/observability';
import { AdminAudit } from '#platform/persistence';
import {
  EXECUTION_STATUSES,
  RUN_TRACEPARENT,
  WorkflowRegistry,
  type ExecutionDetails,
  type ExecutionStatus,
  type ExecutionSummary,
  type ExecutionStore,
  type OperatorChange,
} from '#platform/workflows';
import { actingAdmin, audited } from './admin-actor.js';
import { CurrentPrincipal, Roles, type Principal } from './auth/principal.js';
import { PageRequest } from './page.request.js';

/** A workflow's name: its ASL file's, lower case with hyphens (docs/workflows.md). */
const WORKFLOW_NAME = /^[a-z][a-z0-9-]{0,63}$/;

export class ListExecutionsRequest extends PageRequest {
  @ApiPropertyOptional({ enum: EXECUTION_STATUSES })
  @IsOptional()
  @IsIn(EXECUTION_STATUSES)
  status?: ExecutionStatus;

  @ApiPropertyOptional({ example: 'order-fulfilment' })
  @IsOptional()
  @Matches(WORKFLOW_NAME, { message: 'workflow must be a workflow name' })
  workflow?: string;

  @ApiPropertyOptional({ description: 'Business key, e.g. an order id' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;
}

export class CancelExecutionRequest {
  @ApiPropertyOptional({ example: 'Stuck on a payment gateway that will not answer' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  reason?: string;
}

export class StartExecutionRequest {
  @ApiProperty({ example: 'payments-reconciliation' })
  @Matches(WORKFLOW_NAME, { message: 'workflow must be a workflow name' })
  workflow!: string;

  @ApiProperty({
    example: 'reconciliation-2026-12-05',
    description:
      'The execution name: one execution per workflow and name. 1-80 letters, digits, - or _ (as Step Functions allows)',
  })
  @Matches(/^[\w-]{1,80}$/, { message: 'name must be 1-80 letters, digits, - or _' })
  name!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { since: '2026-12-05T00:00:00.000Z', until: '2026-12-06T00:00:00.000Z' },
    description: "The execution's input; its Tasks validate what they read from it",
  })
  @IsObject()
  input!: Record<string, unknown>;
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
  @ApiProperty({ type: Object, nullable: true, description: "The Task state's input" })
  input!: unknown;
  @ApiProperty({ type: Object, nullable: true, description: "The Task state's output" })
  output!: unknown;
}

class SpanDto {
  @ApiProperty() spanId!: string;
  @ApiProperty({ nullable: true, type: String }) parentSpanId!: string | null;
  @ApiProperty({ example: 'POST /orders' }) name!: string;
  @ApiProperty({ enum: ['INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER'] }) kind!: string;
  @ApiProperty({ example: 'monolith' }) service!: string;
  @ApiProperty({ description: 'Start, epoch milliseconds' }) startMs!: number;
  @ApiProperty() durationMs!: number;
  @ApiProperty({ enum: ['UNSET', 'OK', 'ERROR'] }) status!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) attributes!: Record<string, unknown>;
}

class ExecutionTraceDto {
  @ApiProperty({ nullable: true, type: String, description: 'The trace the execution runs in' })
  traceId!: string | null;
  @ApiProperty({
    enum: ['off', 'seam', 'host'],
    description: 'Who makes spans; `off`: none are kept (SEAM_TRACING)',
  })
  tracing!: string;
  @ApiProperty({
    type: [SpanDto],
    description: "The trace's spans still in this process's ring buffer, by start",
  })
  spans!: SpanDto[];
}

class ExecutionDetailsDto extends ExecutionSummaryDto {
  @ApiProperty({ type: Object }) input!: unknown;
  @ApiProperty({ type: Object, nullable: true }) output!: unknown;
  @ApiProperty({ type: [ExecutionStepDto] }) steps!: ExecutionStepDto[];
}

class WorkflowDefinitionDto {
  @ApiProperty({ example: 'ordering' }) module!: string;
  @ApiProperty({ example: 'order-fulfilment' }) workflow!: string;
  @ApiProperty({ description: 'SHA-256 of the definition this process runs' }) hash!: string;
  @ApiProperty({ description: 'Whether the execution started on this same definition' })
  sameAsExecution!: boolean;
  @ApiProperty({ type: Object, description: 'The Amazon States Language document' })
  asl!: unknown;
}

class ExecutionChangeDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: EXECUTION_STATUSES, description: 'Status before the action' })
  before!: string;
  @ApiProperty({ enum: EXECUTION_STATUSES, description: 'Status after the action' })
  status!: string;
}

/** Operators' view of workflow executions run by this process's modules, newest first. */
@ApiTags('admin')
@Roles('admin')
@Controller('workflows/executions')
export class WorkflowExecutionsController {
  constructor(
    private readonly workflows: WorkflowRegistry,
    private readonly audit: AdminAudit,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List workflow executions' })
  @ApiForbiddenResponse({ description: 'The caller is not an administrator' })
  @ApiOkResponse({ type: ExecutionPageDto })
  async list(@Query() query: ListExecutionsRequest): Promise<ExecutionPageDto> {
    const wanted = query.page * query.pageSize;
    const perModule = await Promise.all(
      this.workflows.all().map((store) =>
        store.list({
          status: query.status,
          workflow: query.workflow,
          name: query.name,
          limit: wanted,
          offset: 0,
        }),
      ),
    );
    const items = perModule
      .flat()
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id))
      .slice(wanted - query.pageSize, wanted);
    return { items, page: query.page, pageSize: query.pageSize };
  }

  @Post()
  @ApiOperation({
    summary: 'Start a workflow execution by hand',
    description:
      'For a workflow that no state change starts, such as the nightly payments reconciliation run now or again for another window. One execution per workflow and name. Audited (`workflow.start`) in the same transaction.',
  })
  @ApiForbiddenResponse({ description: 'The caller is not an administrator' })
  @ApiNotFoundResponse({ description: 'No module of this process runs that workflow' })
  @ApiConflictResponse({ description: 'An execution of that workflow has that name already' })
  @ApiCreatedResponse({ type: ExecutionSummaryDto, description: 'The execution, PENDING' })
  async start(
    @Body() body: StartExecutionRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ExecutionSummary> {
    const owner = this.workflows.owner(body.workflow);
    if (!owner) throw new NotFoundException(`Workflow ${body.workflow} is not run in this process`);
    const { store, starter } = owner;
    const start = { workflow: body.workflow, name: body.name, input: body.input };
    const target = `${store.module}/workflows/${body.workflow}/${body.name}`;
    await audited(() =>
      this.audit.perform(
        store.module,
        { ...actingAdmin(principal), action: 'workflow.start', target },
        async (transaction) => {
          if (!(await starter.startAlone(start, transaction)))
            throw new ConflictException(
              `Workflow ${body.workflow} has an execution named ${body.name} already`,
            );
          return { result: undefined, before: null, after: start };
        },
      ),
    );
    const [started] = await store.list({
      workflow: body.workflow,
      name: body.name,
      limit: 1,
      offset: 0,
    });
    return started!;
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a workflow execution and its step timeline' })
  @ApiForbiddenResponse({ description: 'The caller is not an administrator' })
  @ApiNotFoundResponse({ description: 'No workflow execution with this id' })
  @ApiOkResponse({ type: ExecutionDetailsDto, description: 'The execution and its step timeline' })
  async get(@Param() params: ExecutionIdParams): Promise<ExecutionDetails> {
    return (await this.find(params.id)).execution;
  }

  @Get(':id/definition')
  @ApiOperation({ summary: "The ASL definition of an execution's workflow, as run here" })
  @ApiForbiddenResponse({ description: 'The caller is not an administrator' })
  @ApiNotFoundResponse({ description: 'No such execution, or its workflow is not run here' })
  @ApiOkResponse({ type: WorkflowDefinitionDto })
  async definition(@Param() params: ExecutionIdParams): Promise<WorkflowDefinitionDto> {
    const { execution } = await this.find(params.id);
    const definition = this.workflows.definition(execution.module, execution.workflow);
    if (!definition)
      throw new NotFoundException(`Workflow ${execution.workflow} is not run in this process`);
    return {
      module: execution.module,
      workflow: execution.workflow,
      hash: definition.hash,
      sameAsExecution:
        execution.definitionHash === null || execution.definitionHash === definition.hash,
      asl: definition.asl,
    };
  }

  @Get(':id/trace')
  @ApiOperation({
    summary: "An execution's whole trace (its order's), from the spans this process keeps",
  })
  @ApiForbiddenResponse({ description: 'The caller is not an administrator' })
  @ApiNotFoundResponse({ description: 'No workflow execution with this id' })
  @ApiOkResponse({ type: ExecutionTraceDto })
  async trace(@Param() params: ExecutionIdParams): Promise<ExecutionTraceDto> {
    const { execution } = await this.find(params.id);
    const input = execution.input as Record<string, unknown> | null;
    const traceId = TraceParent.parse(input?.[RUN_TRACEPARENT])?.traceId ?? null;
    const spans = traceId ? (Tracing.recentSpans()?.byTraceId(traceId) ?? []) : [];
    return { traceId, tracing: Tracing.source, spans: spans.map(toSpanDto) };
  }

  @Post(':id/redrive')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Run a FAILED execution again from the start (local engine)',
    description:
      'Every saga step is idempotent, so a new run repeats nothing that happened. Audited (`workflow.redrive`) in the same transaction.',
  })
  @ApiForbiddenResponse({ description: 'The caller is not an administrator' })
  @ApiNotFoundResponse({ description: 'No workflow execution with this id' })
  @ApiConflictResponse({
    description: 'The execution is not FAILED, or not run by the local engine',
  })
  @ApiOkResponse({ type: ExecutionChangeDto })
  async redrive(
    @Param() params: ExecutionIdParams,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ExecutionChangeDto> {
    const { store } = await this.find(params.id);
    return this.change(store, params.id, 'workflow.redrive', principal, (transaction) =>
      store.redrive(params.id, transaction),
    );
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({
    summary: 'End a PENDING or RUNNING execution as FAILED (Cancelled), local engine',
    description:
      'For an execution stuck on a step: its run is disowned, no compensation runs. Audited (`workflow.cancel`) in the same transaction.',
  })
  @ApiForbiddenResponse({ description: 'The caller is not an administrator' })
  @ApiNotFoundResponse({ description: 'No workflow execution with this id' })
  @ApiConflictResponse({
    description: 'The execution has ended, or is not run by the local engine',
  })
  @ApiOkResponse({ type: ExecutionChangeDto })
  async cancel(
    @Param() params: ExecutionIdParams,
    @Body() body: CancelExecutionRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ExecutionChangeDto> {
    const { store } = await this.find(params.id);
    const reason = `Cancelled by ${principal.subject}${body.reason ? `: ${body.reason}` : ''}`;
    return this.change(store, params.id, 'workflow.cancel', principal, (transaction) =>
      store.cancel(params.id, reason, transaction),
    );
  }

  private async change(
    store: ExecutionStore,
    id: string,
    action: string,
    principal: Principal,
    apply: (transaction: EntityManager) => Promise<OperatorChange>,
  ): Promise<ExecutionChangeDto> {
    const target = `${store.module}/workflow-executions/${id}`;
    return audited(() =>
      this.audit.perform(
        store.module,
        { ...actingAdmin(principal), action, target },
        async (tx) => {
          const change = await apply(tx);
          if (!change.changed) throw refusal(action, change);
          return {
            result: { id, before: change.before.status, status: change.after.status },
            before: change.before,
            after: change.after,
          };
        },
      ),
    );
  }

  private async find(id: string): Promise<{ store: ExecutionStore; execution: ExecutionDetails }> {
    for (const store of this.workflows.all()) {
      const execution = await store.get(id);
      if (execution) return { store, execution };
    }
    throw new NotFoundException(`No workflow execution ${id}`);
  }
}

function refusal(action: string, change: Extract<OperatorChange, { changed: false }>): Error {
  if (change.reason === 'not-found') return new NotFoundException('No such workflow execution');
  if (change.reason === 'not-local')
    return new ConflictException(
      `The execution runs on ${change.before.engine}: redrive or stop it in the Step Functions console`,
    );
  return new ConflictException(
    action === 'workflow.redrive'
      ? `Only a FAILED execution can be redriven; this one is ${change.before.status}`
      : `Only a PENDING or RUNNING execution can be cancelled; this one is ${change.before.status}`,
  );
}

const SPAN_KINDS = ['INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER'];
const SPAN_STATUSES = ['UNSET', 'OK', 'ERROR'];

function toSpanDto(span: ReadableSpan): SpanDto {
  const millis = ([seconds, nanos]: [number, number]) => seconds * 1000 + nanos / 1e6;
  return {
    spanId: span.spanContext().spanId,
    parentSpanId: span.parentSpanContext?.spanId ?? null,
    name: span.name,
    kind: SPAN_KINDS[span.kind] ?? 'INTERNAL',
    service: String(span.resource.attributes['service.name'] ?? 'unknown'),
    startMs: millis(span.startTime),
    durationMs: millis(span.duration),
    status: SPAN_STATUSES[span.status.code] ?? 'UNSET',
    attributes: { ...span.attributes },
  };
}
