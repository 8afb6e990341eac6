import { SetMetadata, applyDecorators } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

export const ACCEPTS_API_KEY = 'revsync:accepts-api-key';

/**
 * The route also accepts an organization API key (`X-API-Key`) instead of a
 * bearer token. Routes without it refuse API keys with 403
 * AUTH.API_KEY_NOT_ACCEPTED: keys are for integrations, never for managing
 * access (members, invitations, keys, users) or a person's account.
 */
export const AcceptsApiKey = (): MethodDecorator & ClassDecorator => applyDecorators(SetMetadata(ACCEPTS_API_KEY, true), ApiExtension('x-api-key', true));
