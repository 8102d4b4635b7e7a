export { CORRELATION_HEADER, correlationMiddleware } from './correlation.middleware.js';
export { httpMetricsMiddleware } from './http-metrics.middleware.js';
export { ExceptionBoundaryFilter } from './exception-boundary.filter.js';
export { jsonBodyOptions, MAX_JSON_BODY } from './json-body.js';
export { HealthModule } from './health.module.js';
export {
  buildOpenApiDocument,
  OPENAPI_JSON_PATH,
  OPENAPI_UI_PATH,
  setupOpenApi,
} from './openapi.js';
export { PROBLEM_CONTENT_TYPE, toProblemDetails, type ProblemDetails } from './problem-details.js';
export { AuthModule } from './auth/auth.module.js';
export { AuthOptions } from './auth/auth-options.js';
export {
  ADMIN_ROLE,
  CurrentPrincipal,
  isAdmin,
  Public,
  Roles,
  type Principal,
} from './auth/principal.js';
export { issueDevToken, TokenVerifier } from './auth/token-verifier.js';
export { AdminModule } from './admin.module.js';
export { AdminQueuesController } from './admin-queues.controller.js';
export { PageRequest } from './page.request.js';
export { DEFAULT_PRODUCTION_ADMIN_PORT, HttpOptions } from './http-options.js';
export { ListenerLayout, setupFrontDoor } from './front-door.js';
export {
  serveConsole,
  serveStorefront,
  STOREFRONT_CALLBACK_PATH,
  STOREFRONT_CONFIG_PATH,
  STOREFRONT_CSP,
  storefrontCsp,
} from './storefront.js';
export {
  DEFAULT_STOREFRONT_SCOPE,
  StorefrontConfig,
  type StorefrontConfigDocument,
  type StorefrontSignIn,
} from './storefront-config.js';
