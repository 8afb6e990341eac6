import type { INestApplication } from '@nestjs/common';
import { ApiResponse, DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from './problem';
import { normalizeDocument } from './openapi-normalize';

const PROBLEM_SCHEMA = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'instance', 'code'],
  properties: {
    type: { type: 'string', format: 'uri' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    code: { type: 'string', description: 'Stable, context-prefixed error code' },
    request_id: { type: 'string' },
    errors: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
  },
};

const problem = (description: string) => ({
  description,
  content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/ProblemDetails' } } },
});

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'] as const;

/**
 * Builds the document and fills in what every operation shares: its security
 * (private unless marked public), and the problem responses it can give.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('RevSync API')
    .setDescription(
      'One multi-tenant backend for the vehicle world: marketplaces, creator payments, dealerships, repair shops, bookings, messaging and community.',
    )
    .setVersion('1.0.0')
    .setLicense('Proprietary', 'https://docs.revsync.dev/license')
    .addServer('/', 'The server that serves this document (paths carry the /api/v1 prefix)')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .addApiKey(
      { type: 'apiKey', in: 'header', name: 'X-API-Key', description: "An organization's API key; accepted only where the operation lists it" },
      'apiKey',
    )
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controllerKey, methodKey) => `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
  });
  document.components = document.components ?? {};
  document.components.schemas = { ...(document.components.schemas ?? {}), ProblemDetails: PROBLEM_SCHEMA as never };

  for (const pathItem of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = pathItem[method] as (Record<string, unknown> & { responses: Record<string, unknown> }) | undefined;
      if (!operation) continue;
      const isPublic = operation['x-public'] === true;
      const roles = operation['x-roles'] as string[] | undefined;
      delete operation['x-public'];
      delete operation['x-roles'];
      if (roles?.length) {
        operation.description = [operation.description, `Requires one of the roles: ${roles.join(', ')}.`].filter(Boolean).join('\n\n');
        operation.responses['403'] ??= problem('The caller is authenticated but lacks the required role');
      }
      const acceptsApiKey = operation['x-api-key'] === true;
      delete operation['x-api-key'];
      operation.security = isPublic ? [] : acceptsApiKey ? [{ bearer: [] }, { apiKey: [] }] : [{ bearer: [] }];
      const responses = operation.responses;
      // Any request can carry a query string the input policy refuses (NUL, lone surrogates, __proto__ keys).
      responses['400'] ??= problem('Invalid request (validation errors per field, or input the API refuses: see HTTP.* codes)');
      if (operation.requestBody) responses['415'] ??= problem('The body has a media type this operation does not accept');
      if (!isPublic) responses['401'] ??= problem('Missing, invalid, expired or revoked credentials');
      responses['429'] ??= problem('Rate limit exceeded; see Retry-After');
      responses['500'] ??= problem('Unexpected error; the body never carries internal details');
    }
  }
  return normalizeDocument(document);
}

export function serveOpenApi(app: INestApplication, document: OpenAPIObject): void {
  SwaggerModule.setup('api/docs', app, document, {
    jsonDocumentUrl: 'api/openapi.json',
    yamlDocumentUrl: 'api/openapi.yaml',
    useGlobalPrefix: false,
  });
}

/** Documents a problem+json error response an operation can give. */
export const ApiProblemResponse = (status: number, description: string): MethodDecorator & ClassDecorator => ApiResponse({ status, ...problem(description) });
