import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';

/** `Idempotency-Key` header of the writes that move money (see IdempotentRequests). */
export const IdempotencyKey = createParamDecorator((_data: unknown, host: ExecutionContext): string | undefined => {
  const value = host.switchToHttp().getRequest<FastifyRequest>().headers['idempotency-key'];
  return typeof value === 'string' ? value : undefined;
});

export const ApiIdempotencyKey = (): MethodDecorator =>
  ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'Any unique string of 8 to 200 printable characters (a UUID). The same key with the same body replays the first response; with another body it is refused (422 COMMERCE.IDEMPOTENCY_KEY_REUSED). Kept at least 24 hours.',
    schema: { type: 'string', minLength: 8, maxLength: 200 },
  });

/** The request's body exactly as received (webhook signatures are computed over it). */
export const RawBody = createParamDecorator((_data: unknown, host: ExecutionContext): Buffer | undefined => {
  const request = host.switchToHttp().getRequest<FastifyRequest & { rawBody?: Buffer }>();
  return request.rawBody;
});

export const SignatureHeader = createParamDecorator((header: string, host: ExecutionContext): string | undefined => {
  const value = host.switchToHttp().getRequest<FastifyRequest>().headers[header];
  return typeof value === 'string' ? value : undefined;
});

export const IDEMPOTENCY_422 = 'The Idempotency-Key was used with another request (COMMERCE.IDEMPOTENCY_KEY_REUSED)';
export const IN_PROGRESS_409 = 'A request with this Idempotency-Key is still running (COMMERCE.REQUEST_IN_PROGRESS)';
export const PROVIDER_503 = 'The payment provider did not answer: retry with the same Idempotency-Key (COMMERCE.PAYMENT_PROVIDER_UNAVAILABLE)';
