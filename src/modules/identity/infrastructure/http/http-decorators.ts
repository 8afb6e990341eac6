import { ExecutionContext, ParseUUIDPipe, applyDecorators, createParamDecorator } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ValidationArguments, registerDecorator } from 'class-validator';
import type { AuthenticatedRequest } from '../../../../platform/auth/auth.guard';
import { PROBLEM_CONTENT_TYPE } from '../../../../platform/http/problem';
import { DomainError, RequestContext } from '../../../../platform/kernel';

/**
 * The request context (ARCHITECTURE.md 3) built from the request and the
 * principal the AuthGuard attached. Candidate for src/platform/auth: every
 * context will need it.
 */
export const Ctx = createParamDecorator((_data: unknown, host: ExecutionContext): RequestContext => {
  const request = host.switchToHttp().getRequest<AuthenticatedRequest>();
  const principal = request.principal;
  const userAgent = request.headers['user-agent'];
  return {
    requestId: String(request.id),
    userId: principal?.userId,
    sessionId: principal?.sessionId,
    orgId: principal?.orgId,
    roles: principal?.roles ?? [],
    apiKeyId: principal?.apiKeyId,
    ip: request.ip,
    userAgent: typeof userAgent === 'string' ? userAgent : undefined,
  };
});

/** Documents a problem+json response other than the 400/401/429/500 the platform adds by itself. */
export const ApiProblem = (status: number, description: string): MethodDecorator =>
  applyDecorators(ApiResponse({ status, description, content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/ProblemDetails' } } } }));

/** A path id that must be a UUID; anything else is a 400 naming the parameter. */
export const uuidParam = (name: string): ParseUUIDPipe =>
  new ParseUUIDPipe({
    exceptionFactory: () =>
      new DomainError('HTTP.VALIDATION_FAILED', 'validation', 'The request has invalid or unexpected fields.', {
        errors: { [name]: [`${name} must be a UUID`] },
      }),
  });

/** How many messages one rule may report for one field (the password rules give at most seven). */
const RULE_MESSAGE_SLOTS = 8;

/**
 * Validates a string field with a domain rule, reporting each of its messages
 * separately. class-validator keeps one message per registered constraint, so
 * the rule is registered once per message slot; slot i fails when the rule has
 * an i-th message. The use case re-checks the same rule for non-HTTP callers.
 */
export function SatisfiesRule(name: string, rule: (value: string, object: Record<string, unknown>) => string[]): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    for (let slot = 0; slot < RULE_MESSAGE_SLOTS; slot += 1) {
      registerDecorator({
        name: `${name}${slot}`,
        target: target.constructor,
        propertyName: String(propertyName),
        validator: {
          validate: (value: unknown, args: ValidationArguments) =>
            typeof value !== 'string' || rule(value, args.object as Record<string, unknown>).length <= slot,
          defaultMessage: (args: ValidationArguments) =>
            rule(String(args.value), args.object as Record<string, unknown>)[slot] ?? `${String(propertyName)} is invalid`,
        },
      });
    }
  };
}
