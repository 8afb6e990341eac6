import { ParseUUIDPipe, PipeTransform, Type, Body as NestBody, Param as NestParam, Query as NestQuery } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { DomainError } from '../kernel/domain-error';
import { createValidationPipe } from './validation';

type Pipe = PipeTransform | Type<PipeTransform>;

/** One instance for every route: ValidationPipe keeps no per-request state. */
const validation = createValidationPipe();

/*
 * The request's body, query and path parameters, each run through the platform's
 * ValidationPipe (whitelist, forbid unknown fields, transform) before any pipe of
 * its own. Use these instead of @nestjs/common's (ESLint refuses those in src/).
 *
 * Validation is attached here, per parameter, rather than as a global pipe: Nest
 * runs global pipes on every pipeable parameter, custom decorators such as @Ctx()
 * included, and each pipe run costs a chain of promises. A route whose only
 * parameter is @Ctx() (GET /auth/me) then runs no pipe at all.
 */

/** `@Body()`: the whole body, validated against the parameter's DTO class. */
export const Body = (...pipes: Pipe[]): ParameterDecorator => NestBody(validation, ...pipes);

/** `@Query()`: the whole query string, validated against the parameter's DTO class. */
export const Query = (...pipes: Pipe[]): ParameterDecorator => NestQuery(validation, ...pipes);

/** `@Param(name, ...pipes)`: one path parameter. */
export const Param = (property: string, ...pipes: Pipe[]): ParameterDecorator => NestParam(property, validation, ...pipes);

/**
 * `@UuidParam(name)`: a path id that must be a UUID; anything else is a 400 naming the parameter.
 * The OpenAPI document says so too (`format: uuid`), so clients and the fuzzer never send an empty or free-form id.
 */
export const UuidParam =
  (property: string): ParameterDecorator =>
  (target, key, index) => {
    Param(
      property,
      new ParseUUIDPipe({
        exceptionFactory: () =>
          new DomainError('HTTP.VALIDATION_FAILED', 'validation', 'The request has invalid or unexpected fields.', {
            errors: { [property]: [`${property} must be a UUID`] },
          }),
      }),
    )(target, key, index);
    if (key === undefined) return;
    const descriptor = Object.getOwnPropertyDescriptor(target, key);
    if (descriptor) ApiParam({ name: property, format: 'uuid' })(target, key, descriptor);
  };
