import {
  applyDecorators,
  createParamDecorator,
  SetMetadata,
  type ExecutionContext,
} from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

/** Who is calling: the token's subject (a customer id, or a staff user) and roles. */
export interface Principal {
  readonly subject: string;
  readonly roles: readonly string[];
}

export const ADMIN_ROLE = 'admin';

export function isAdmin(principal: Principal): boolean {
  return principal.roles.includes(ADMIN_ROLE);
}

export const PUBLIC_KEY = 'seam:public';
/** Marks a public operation in the OpenAPI document until it is given `security: []`. */
export const PUBLIC_OPERATION = 'x-seam-public';
export const ROLES_KEY = 'seam:roles';

/**
 * The route needs no token. Every other route needs a valid bearer token. The OpenAPI document
 * says so (`security: []`), and the API Gateway in front of Seam lets exactly these routes
 * through without a JWT (terraform/src/constructs/api-gateway.ts reads them from the document).
 */
export const Public = () =>
  applyDecorators(SetMetadata(PUBLIC_KEY, true), ApiExtension(PUBLIC_OPERATION, true));

/** The route needs a token carrying one of these roles, e.g. `@Roles('admin')`. */
export const Roles = (...roles: string[]) => SetMetadata(ROLES_KEY, roles);

/** The verified caller of the current request. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal =>
    context.switchToHttp().getRequest<{ principal: Principal }>().principal,
);
