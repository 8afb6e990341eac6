import { SetMetadata, applyDecorators } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

export const REQUIRED_ROLES = 'revsync:roles';

/** The platform administrator role (seed 003's System Admin). */
export const PLATFORM_ADMIN = 'admin';

/**
 * Restricts a route to callers holding at least one of `roles`. Authentication
 * is checked first (AuthGuard); a caller without the role gets 403.
 */
export const Roles = (...roles: string[]): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(REQUIRED_ROLES, roles), ApiExtension('x-roles', roles));
