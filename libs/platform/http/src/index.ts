export { correlationMiddleware } from './correlation.middleware.js';
export { httpMetricsMiddleware } from './http-metrics.middleware.js';
export { ExceptionBoundaryFilter } from './exception-boundary.filter.js';
export { jsonBodyOptions } from './json-body.js';
export { HealthModule } from './health.module.js';
export { setupOpenApi } from './openapi.js';
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
export { issueDevToken } from './auth/token-verifier.js';
export { AdminModule } from './admin.module.js';
export { CustomerIdParams } from './customer-id.params.js';
export { PageRequest } from './page.request.js';
export { DEFAULT_PRODUCTION_ADMIN_PORT, HttpOptions } from './http-options.js';
export { ListenerLayout, setupFrontDoor } from './front-door.js';
export { serveConsole, serveStorefront } from './storefront.js';
export {
  DEFAULT_STOREFRONT_SCOPE,
  StorefrontConfig,
  type StorefrontConfigDocument,
} from './storefront-config.js';
