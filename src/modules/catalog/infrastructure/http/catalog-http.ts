import { Type, applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiResponse } from '@nestjs/swagger';
import { ValidationArguments, registerDecorator } from 'class-validator';
import { ApiProblemResponse } from '../../../../platform/http/openapi';
import { isPlausibleModelYear, isSearchable, maxModelYear, MODEL_YEAR_MIN } from '../../domain/catalog-rules';
import { CATALOG_CACHE_CONTROL } from './catalog-responses';

/** A model year between 1885 and two years from now (checked against the clock at request time). */
export function IsModelYear(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isModelYear',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown) => typeof value === 'number' && isPlausibleModelYear(value, new Date()),
        defaultMessage: (args: ValidationArguments) => `${args.property} must be a year between ${MODEL_YEAR_MIN} and ${maxModelYear(new Date())}`,
      },
    });
}

/** A search text with at least one letter or digit (see isSearchable). */
export function IsSearchable(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isSearchable',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isSearchable(value),
        defaultMessage: (args: ValidationArguments) => `${args.property} must contain a letter or a digit`,
      },
    });
}

/** Documents a cached public read: 200 with ETag and Cache-Control, 304 for a matching If-None-Match, and its 404 if any. */
export function ApiCachedRead(type: Type<unknown>, notFound?: string): MethodDecorator {
  const decorators = [
    ApiHeader({ name: 'If-None-Match', required: false, description: 'An ETag from an earlier response: 304 with no body while it is still current' }),
    ApiOkResponse({
      type,
      headers: {
        ETag: { description: 'Strong validator of the body', schema: { type: 'string' } },
        'Cache-Control': { description: 'Shared caches may keep the response', schema: { type: 'string', example: CATALOG_CACHE_CONTROL } },
      },
    }),
    ApiResponse({ status: 304, description: 'Not modified: the If-None-Match ETag is current; no body' }),
  ];
  if (notFound) decorators.push(ApiProblemResponse(404, notFound));
  return applyDecorators(...decorators);
}
