import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { DomainError } from '../kernel/domain-error';
import type { AuthenticatedRequest } from './auth.guard';
import { REQUIRED_ROLES } from './roles.decorator';
import { routeMetadata } from './route-metadata';

/** Runs after AuthGuard: routes marked @Roles(...) need one of the roles. */
@Injectable()
export class RolesGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const required = routeMetadata<string[]>(REQUIRED_ROLES, context);
    if (!required?.length) return true;
    const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
    if (principal && required.some((role) => principal.roles.includes(role))) return true;
    throw new DomainError('AUTH.FORBIDDEN', 'forbidden', 'Your role does not allow this action.');
  }
}
