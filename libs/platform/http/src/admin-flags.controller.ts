import { readFile } from 'node:fs/promises';
import {
  Body,
  ConflictException,
  Controller,
  Get,
  Logger,
  NotFoundException,
  Param,
  Put,
  UnprocessableEntityException,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import {
  editFlagDocument,
  FeatureFlags,
  FlagDocument,
  FlagDocumentError,
  FlagEditError,
  FlagsOptions,
  ROUTE_MODES,
  writeFileAtomic,
  type RouteMode,
} from '#platform/flags';
import { AdminAudit } from '#platform/persistence';
import { actingAdmin, audited } from './admin-actor.js';
import { CurrentPrincipal, Roles, type Principal } from './auth/principal.js';

export class RouteFlagParams {
  @ApiProperty({ pattern: '^route-[a-z][a-z0-9_]{0,62}$', example: 'route-payments' })
  @Matches(/^route-[a-z][a-z0-9_]{0,62}$/, { message: 'flag must be a route flag, route-<module>' })
  flag!: string;
}

export class SetRouteRequest {
  @ApiProperty({ enum: ROUTE_MODES })
  @IsIn(ROUTE_MODES)
  mode!: RouteMode;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 100,
    description: 'Share sent remote in canary mode',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100)
  percent?: number;
}

class FlagsDto {
  @ApiProperty({ enum: ['file', 'appconfig', 'agent'], description: 'Where the values come from' })
  source!: string;
  @ApiProperty({ description: 'The document or AppConfig profile read' }) origin!: string;
  @ApiProperty({
    description: 'Whether route flags can be flipped here (file source, not production)',
  })
  editable!: boolean;
  @ApiPropertyOptional({ description: 'Why flipping is refused here, when it is' })
  reason?: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'object' },
    description: 'Every flag: enabled and its attributes',
  })
  values!: unknown;
}

class FlagChangeDto {
  @ApiProperty({ example: 'route-payments' }) flag!: string;
  @ApiProperty({ type: [String], example: ['route-payments.mode: "local" → "remote"'] })
  changes!: string[];
  @ApiProperty({ type: Object }) value!: unknown;
}

/**
 * Feature flags as this process sees them, and flipping a route flag during development: the
 * change goes into the local flag document (what `npm run flags -- set` does), which every
 * process following it applies within a second. Elsewhere flags change through AppConfig.
 */
@ApiTags('admin')
@Roles('admin')
@Controller('admin/flags')
export class AdminFlagsController {
  private readonly logger = new Logger(AdminFlagsController.name);

  constructor(
    private readonly flags: FeatureFlags,
    private readonly options: FlagsOptions,
    private readonly audit: AdminAudit,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Current flag values and where they come from' })
  @ApiForbiddenResponse({ description: 'The caller is not an administrator' })
  @ApiOkResponse({ type: FlagsDto })
  values(): FlagsDto {
    const refusal = this.refusal();
    return {
      source: this.options.source,
      origin:
        this.options.source === 'file'
          ? this.options.fileLabel()
          : `AppConfig ${this.options.appConfig?.application}/${this.options.appConfig?.environment}/${this.options.appConfig?.profile}`,
      editable: refusal === undefined,
      ...(refusal ? { reason: refusal } : {}),
      values: this.flags.snapshot(),
    };
  }

  @Put(':flag')
  @ApiOperation({
    summary: 'Flip a route flag (development: local flag document only)',
    description:
      'Writes the local flag document and waits until this process applies it. Logged, and audited (`flag.set`) in the log of the routed module.',
  })
  @ApiBadRequestResponse({ description: 'Not a route flag, or a mode or percent out of range' })
  @ApiForbiddenResponse({ description: 'The caller is not an administrator' })
  @ApiConflictResponse({
    description: 'Flags come from AppConfig, or this is production: change them there',
  })
  @ApiOkResponse({ type: FlagChangeDto })
  async set(
    @Param() params: RouteFlagParams,
    @Body() body: SetRouteRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<FlagChangeDto> {
    const refusal = this.refusal();
    if (refusal) throw new ConflictException(refusal);
    const module = params.flag.slice('route-'.length);
    if (!this.flags.routedModules().includes(module))
      throw new NotFoundException(`No module "${module}", so no flag ${params.flag}`);
    if (!this.audit.hosts(module))
      throw new ConflictException(
        `Module "${module}" is not hosted by this process, so its flag cannot be audited here`,
      );
    const file = this.options.file;
    const original = await readFile(file, 'utf8');
    const assignments = [`mode=${body.mode}`];
    if (body.percent !== undefined) assignments.push(`percent=${body.percent}`);
    let edited;
    try {
      edited = editFlagDocument(FlagDocument.parse(original, this.options.fileLabel()), {
        kind: 'set',
        flag: params.flag,
        assignments,
      });
    } catch (error) {
      if (error instanceof FlagEditError || error instanceof FlagDocumentError)
        throw new UnprocessableEntityException(error.message);
      throw error;
    }
    const before = this.flags.snapshot()[params.flag];
    if (edited.changes.length > 0) {
      const applied = this.applied(params.flag);
      await writeFileAtomic(file, edited.text, original);
      await applied;
    }
    const after = this.flags.snapshot()[params.flag];
    const actor = actingAdmin(principal);
    await audited(() =>
      this.audit.record(module, {
        ...actor,
        action: 'flag.set',
        target: params.flag,
        before,
        after,
      }),
    );
    this.logger.log(
      { flag: params.flag, changes: edited.changes, actor: actor.actor },
      `Flag ${params.flag} set by an operator`,
    );
    return { flag: params.flag, changes: [...edited.changes], value: after };
  }

  /** Why flags cannot be flipped here, or undefined when they can. */
  private refusal(): string | undefined {
    if (this.options.source !== 'file')
      return `Flags come from AppConfig (SEAM_FLAGS_SOURCE=${this.options.source}): change them with an AppConfig deployment`;
    // Production reads flags from AppConfig; a file there is a mistake, not a console to edit.
    if (process.env.NODE_ENV === 'production')
      return 'Flags cannot be flipped from a production process: change them with an AppConfig deployment';
    return undefined;
  }

  /** Settles once this process has applied a change to `flag` (or after 5 s). */
  private applied(flag: string): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        unsubscribe();
        resolve();
      }, 5000);
      const unsubscribe = this.flags.onChange(({ changed }) => {
        if (!changed.includes(flag)) return;
        clearTimeout(timer);
        unsubscribe();
        resolve();
      });
    });
  }
}
