import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { AuthOptions } from './auth-options.js';
import { ADMIN_ROLE, Public } from './principal.js';
import { issueDevToken } from './token-verifier.js';

/** How long a token from `POST /dev/token` lasts. */
const DEV_TOKEN_LIFETIME = '12h';

export class DevTokenRequest {
  @ApiProperty({ example: 'ada', description: 'The customer id (the token subject)' })
  @Matches(/^[\w.@-]{1,128}$/, {
    message: 'customerId must be 1-128 letters, digits, ".", "@", "-" or "_"',
  })
  customerId!: string;
}

export class DevAdminTokenRequest {
  @ApiProperty({
    example: 'ops',
    description: 'The operator id (the token subject, in the audit log)',
  })
  @Matches(/^[\w.@-]{1,128}$/, {
    message: 'operatorId must be 1-128 letters, digits, ".", "@", "-" or "_"',
  })
  operatorId!: string;
}

export class DevTokenDto {
  @ApiProperty() token!: string;
  @ApiProperty({ example: DEV_TOKEN_LIFETIME }) expiresIn!: string;
}

/**
 * `POST /dev/token {customerId}`: a customer token signed with the local development key, so
 * the storefront can sign in on a laptop (what `npm run token -- --customer <id>` prints).
 * `POST /dev/admin-token {operatorId}`: an administrator's token, for the operator console on
 * a laptop (what `npm run token -- --admin` prints). Registered only when
 * AuthOptions.issuesDevTokens (no SEAM_AUTH_JWKS_URL, not production): wherever a real issuer
 * verifies tokens, both routes are 404.
 */
@ApiTags('development')
@Public()
@Controller('dev')
export class DevTokenController {
  constructor(private readonly options: AuthOptions) {}

  @Post('token')
  @HttpCode(200)
  @ApiOperation({ summary: 'Development only: a customer token signed with the local key' })
  @ApiOkResponse({ type: DevTokenDto })
  @ApiBadRequestResponse({ description: 'customerId is not a plain id (VALIDATION_FAILED)' })
  async issue(@Body() request: DevTokenRequest): Promise<DevTokenDto> {
    const token = await issueDevToken(this.options.devSecret!, {
      subject: request.customerId,
      expiresIn: DEV_TOKEN_LIFETIME,
    });
    return { token, expiresIn: DEV_TOKEN_LIFETIME };
  }

  @Post('admin-token')
  @HttpCode(200)
  @ApiOperation({
    summary: "Development only: an administrator's token signed with the local key (console)",
  })
  @ApiOkResponse({ type: DevTokenDto })
  @ApiBadRequestResponse({ description: 'operatorId is not a plain id (VALIDATION_FAILED)' })
  async issueAdmin(@Body() request: DevAdminTokenRequest): Promise<DevTokenDto> {
    const token = await issueDevToken(this.options.devSecret!, {
      subject: request.operatorId,
      roles: [ADMIN_ROLE],
      expiresIn: DEV_TOKEN_LIFETIME,
    });
    return { token, expiresIn: DEV_TOKEN_LIFETIME };
  }
}
