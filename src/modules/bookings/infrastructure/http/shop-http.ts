import { Type, applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiResponse } from '@nestjs/swagger';
import { ApiProblemResponse } from '../../../../platform/http/openapi';
import { SHOP_CACHE_CONTROL } from './shop-responses';

/** Documents a cached public read: 200 with ETag and Cache-Control, 304 for a matching If-None-Match, and its problems. */
export function ApiCachedRead(type: Type<unknown>, ...problems: Array<[number, string]>): MethodDecorator {
  return applyDecorators(
    ApiHeader({ name: 'If-None-Match', required: false, description: 'An ETag from an earlier response: 304 with no body while it is still current' }),
    ApiOkResponse({
      type,
      headers: {
        ETag: { description: 'Strong validator of the body', schema: { type: 'string' } },
        'Cache-Control': { description: 'Shared caches may keep the response', schema: { type: 'string', example: SHOP_CACHE_CONTROL } },
      },
    }),
    ApiResponse({ status: 304, description: 'Not modified: the If-None-Match ETag is current; no body' }),
    ...problems.map(([status, description]) => ApiProblemResponse(status, description)),
  );
}

export const SHOP_NOT_FOUND = 'No repair shop has published its profile under this id (BOOKINGS.SHOP_NOT_FOUND)';
export const MODEL_UNKNOWN = 'The vehicle model does not exist or is retired (BOOKINGS.UNKNOWN_VEHICLE_MODEL)';
export const ROLE_403 = 'Not a manager (or staff, for reads) of the organization named by X-Organization-Id (AUTH.FORBIDDEN, ORGANIZATIONS.NOT_A_MEMBER)';
export const BOOKING_NOT_FOUND = 'No such booking, or not yours (BOOKINGS.BOOKING_NOT_FOUND)';
