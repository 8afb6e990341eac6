import { PLATFORM_ADMIN } from '../../../platform/auth/roles.decorator';
import { DomainError, RequestContext } from '../../../platform/kernel';

/** A platform admin signed in as a person (API keys never carry the admin role). */
export function requirePlatformAdmin(ctx: RequestContext): void {
  if (ctx.apiKeyId || !ctx.roles.includes(PLATFORM_ADMIN))
    throw new DomainError('AUTH.FORBIDDEN', 'forbidden', 'The operators’ console is for platform admins.');
}
