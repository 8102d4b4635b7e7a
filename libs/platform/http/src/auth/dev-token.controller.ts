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
import { Public } from './principal.js';
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

export class DevTokenDto {
  @ApiProperty() token!: string;
  @ApiProperty({ example: DEV_TOKEN_LIFETIME }) expiresIn!: string;
}

/**
 * `POST /dev/token {customerId}`: a customer token signed with the local development key, so
 * the storefront can sign in on a laptop (what `npm run token -- --customer <id>` prints).
 * Registered only when AuthOptions.issuesDevTokens (no SEAM_AUTH_JWKS_URL, not production);
 * never an administrator's token.
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
}
