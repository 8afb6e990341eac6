import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '../kernel/domain-error';
import type { AuthenticatedRequest } from './auth.guard';
import { REQUIRED_ROLES } from './roles.decorator';

/** Runs after AuthGuard: routes marked @Roles(...) need one of the roles. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const required = this.reflector.getAllAndOverride<string[] | undefined>(REQUIRED_ROLES, [context.getHandler(), context.getClass()]);
    if (!required?.length) return true;
    const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
    if (principal && required.some((role) => principal.roles.includes(role))) return true;
    throw new DomainError('AUTH.FORBIDDEN', 'forbidden', 'Your role does not allow this action.');
  }
}
