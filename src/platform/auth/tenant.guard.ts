import { CanActivate, ExecutionContext, Inject, Injectable, Optional } from '@nestjs/common';
import { DomainError } from '../kernel/domain-error';
import type { AuthenticatedRequest } from './auth.guard';
import { IS_PUBLIC } from './public.decorator';
import { OrganizationSource, TENANT_RESOLVER, TenantResolver } from './principal';
import { routeMetadata } from './route-metadata';
import { ORGANIZATION_PATH_PARAM } from './tenant.decorator';
import { ORGANIZATION_HEADER, isUuid } from './tenancy';
import { bindRequestLog } from '../observability/request-scope';

/**
 * Runs after AuthGuard, before RolesGuard: resolves the active organization
 * (path parameter of @OrganizationFromPath routes, else the X-Organization-Id
 * header) and has the TenantResolver check the caller's membership on every
 * request, so a removed member or a suspended organization is refused at once.
 * The resolver adds the organization role claims that @Roles then checks.
 */
@Injectable()
export class TenantGuard implements CanActivate {
  constructor(@Optional() @Inject(TENANT_RESOLVER) private readonly resolver?: TenantResolver) {}

  // Synchronous unless there is a membership to check: a guard's promise costs on every request.
  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    if (routeMetadata<boolean>(IS_PUBLIC, context)) return true;
    // WebSocket messages carry no organization: gateways act for the signed-in person only.
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = request.principal;
    if (!principal) return true; // AuthGuard refused already; nothing to scope.

    const header = request.headers[ORGANIZATION_HEADER];
    if (header !== undefined && !isUuid(header)) {
      throw new DomainError('HTTP.VALIDATION_FAILED', 'validation', 'The request has invalid or unexpected fields.', {
        errors: { 'X-Organization-Id': ['X-Organization-Id must be a UUID'] },
      });
    }
    const param = routeMetadata<string>(ORGANIZATION_PATH_PARAM, context);
    let orgId: string | undefined;
    let source: OrganizationSource = 'header';
    if (param) {
      const value = (request.params as Record<string, unknown> | undefined)?.[param];
      if (!isUuid(value)) {
        throw new DomainError('HTTP.VALIDATION_FAILED', 'validation', 'The request has invalid or unexpected fields.', {
          errors: { [param]: [`${param} must be a UUID`] },
        });
      }
      if (header !== undefined && header.toLowerCase() !== value.toLowerCase()) {
        throw new DomainError('TENANCY.ORGANIZATION_MISMATCH', 'validation', 'X-Organization-Id names another organization than the path.');
      }
      orgId = value;
      source = 'path';
    } else if (header !== undefined) {
      orgId = header;
    }
    if (!orgId) return true;
    if (!this.resolver) {
      throw source === 'path'
        ? new DomainError('TENANCY.ORGANIZATION_NOT_FOUND', 'not_found', 'No such organization.')
        : new DomainError('TENANCY.NOT_A_MEMBER', 'forbidden', 'You are not a member of this organization.');
    }
    return this.resolver.activate(principal, orgId.toLowerCase(), source).then((scoped) => {
      request.principal = scoped;
      bindRequestLog(request.log, { orgId: scoped.orgId });
      return true;
    });
  }
}
