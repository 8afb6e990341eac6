import { SetMetadata, applyDecorators } from '@nestjs/common';
import { ApiExtension, ApiHeader } from '@nestjs/swagger';
import { ORGANIZATION_HEADER } from './tenancy';

export const ORGANIZATION_PATH_PARAM = 'revsync:organization-path-param';

/**
 * The route's active organization is its path parameter `param` (routes under
 * /organizations/{orgId}/…). The TenantGuard checks the caller's membership
 * before the handler runs: a non-member gets 404. An X-Organization-Id header
 * naming another organization is a 400.
 */
export const OrganizationFromPath = (param = 'orgId'): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(ORGANIZATION_PATH_PARAM, param), ApiExtension('x-organization', { from: 'path', param }));

/**
 * Documents the optional X-Organization-Id header on routes that act in the
 * caller's active organization when one is named (e.g. /users, /audit-events).
 * The TenantGuard checks it on every route; this only documents it.
 */
export const ApiOrganizationHeader = (): MethodDecorator & ClassDecorator =>
  applyDecorators(
    ApiHeader({
      name: 'X-Organization-Id',
      required: false,
      description:
        'The organization to act in (uuid). The caller must be an active member; its role there (principal, manager, staff) then applies. Ignored for API keys, which act in their own organization.',
      schema: { type: 'string', format: 'uuid' },
    }),
    ApiExtension('x-organization', { from: 'header', header: ORGANIZATION_HEADER }),
  );
