import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from './problem-details.js';

export const OPENAPI_UI_PATH = 'docs';
export const OPENAPI_JSON_PATH = 'docs/openapi.json';

/** Serves Swagger UI at /docs and the OpenAPI document at /docs/openapi.json. */
export function setupOpenApi(app: INestApplication, title: string): void {
  const config = new DocumentBuilder()
    .setTitle(title)
    .setDescription(
      'Seam REST API. Errors are application/problem+json (RFC 9457) with a stable `code`.',
    )
    .setVersion('0.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .addSecurityRequirements('bearer')
    .build();
  const document = withProblemResponses(SwaggerModule.createDocument(app, config));
  SwaggerModule.setup(OPENAPI_UI_PATH, app, document, { jsonDocumentUrl: OPENAPI_JSON_PATH });
}

/** Every operation answers errors as problem+json: say so once, for all of them. */
function withProblemResponses(document: OpenAPIObject): OpenAPIObject {
  document.components ??= {};
  document.components.schemas ??= {};
  document.components.schemas.ProblemDetails = {
    type: 'object',
    required: ['type', 'title', 'status', 'detail', 'code'],
    properties: {
      type: { type: 'string', example: 'urn:seam:problem:validation-failed' },
      title: { type: 'string', example: 'Bad Request' },
      status: { type: 'integer', example: 400 },
      detail: { type: 'string' },
      code: {
        type: 'string',
        example: 'VALIDATION_FAILED',
        description: 'Stable, machine-readable',
      },
      instance: { type: 'string', example: '/orders' },
      correlationId: { type: 'string' },
      errors: {
        type: 'array',
        description: 'For VALIDATION_FAILED: each bad field',
        items: {
          type: 'object',
          properties: { field: { type: 'string' }, message: { type: 'string' } },
        },
      },
      details: { type: 'object', additionalProperties: true },
    },
  };
  const problem = {
    description: 'Error (application/problem+json)',
    content: {
      [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/ProblemDetails' } },
    },
  };
  for (const path of Object.values(document.paths)) {
    for (const operation of [path.get, path.put, path.post, path.delete, path.patch]) {
      if (operation) operation.responses = { ...operation.responses, default: problem };
    }
  }
  return document;
}
