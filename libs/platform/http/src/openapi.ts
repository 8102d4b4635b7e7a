import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { PUBLIC_OPERATION } from './auth/principal.js';
import { PROBLEM_CONTENT_TYPE } from './problem-details.js';

export const OPENAPI_UI_PATH = 'docs';
export const OPENAPI_JSON_PATH = 'docs/openapi.json';

/**
 * Serves Swagger UI at /docs and the OpenAPI document at /docs/openapi.json. The document is
 * built at the first request for it, not at start-up (scanning every controller took 20–60 ms of
 * each start, docs/performance.md §5), and kept.
 */
export function setupOpenApi(app: INestApplication, title: string): void {
  SwaggerModule.setup(OPENAPI_UI_PATH, app, () => buildOpenApiDocument(app, title), {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
  });
}

/**
 * The OpenAPI document of the application's HTTP controllers, as served at /docs/openapi.json.
 * `test/contracts/openapi.spec.ts` lints it with Redocly's recommended rules.
 *
 * @example
 * const app = await createSeamApplication(RootModule, { title: 'Seam' });
 * writeFileSync('openapi.json', JSON.stringify(buildOpenApiDocument(app, 'Seam'), null, 2));
 */
export function buildOpenApiDocument(app: INestApplication, title: string): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(title)
    .setDescription(
      'Seam REST API. Errors are application/problem+json (RFC 9457) with a stable `code`.',
    )
    .setVersion('0.1.0')
    .setLicense('MIT', 'https://opensource.org/license/mit')
    // Relative: the API is served by whatever host serves this document.
    .addServer('/', 'The host serving this document')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .addSecurityRequirements('bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  return withoutUnusedSchemas(withProblemResponses(withPublicOperations(document)));
}

/** Operations of `@Public()` routes need no bearer token: `security: []` overrides the default. */
function withPublicOperations(document: OpenAPIObject): OpenAPIObject {
  for (const operation of operationsOf(document)) {
    if (!(PUBLIC_OPERATION in operation)) continue;
    delete (operation as Record<string, unknown>)[PUBLIC_OPERATION];
    operation.security = [];
  }
  return document;
}

type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;

function operationsOf(document: OpenAPIObject): Operation[] {
  return Object.values(document.paths).flatMap((path) =>
    [path.get, path.put, path.post, path.delete, path.patch].filter((op) => op !== undefined),
  );
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
  for (const operation of operationsOf(document)) {
    operation.responses = { ...operation.responses, default: problem };
  }
  return document;
}

/**
 * The scanner also collects the DTOs of message controllers, which no HTTP operation uses: drop
 * every schema that nothing reachable from the paths refers to. Messages are described in
 * docs/asyncapi.yaml.
 */
function withoutUnusedSchemas(document: OpenAPIObject): OpenAPIObject {
  const schemas = document.components?.schemas ?? {};
  const prefix = '#/components/schemas/';
  const used = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object')
      for (const [key, child] of Object.entries(value)) {
        if (key === '$ref' && typeof child === 'string' && child.startsWith(prefix)) {
          const name = child.slice(prefix.length);
          if (!used.has(name)) {
            used.add(name);
            visit(schemas[name]);
          }
        } else visit(child);
      }
  };
  visit(document.paths);
  for (const name of Object.keys(schemas)) if (!used.has(name)) delete schemas[name];
  return document;
}
