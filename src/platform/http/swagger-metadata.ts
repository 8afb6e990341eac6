/**
 * The reflect-metadata keys @nestjs/swagger's decorators write (its DECORATORS
 * constant, which the package does not export). The platform reads them at run
 * time so that what the OpenAPI document says (accepted media types, nullable
 * fields) is what the API enforces; test/e2e/platform/hostile-input covers both.
 */
export const SWAGGER_METADATA = {
  API_CONSUMES: 'swagger/apiConsumes',
  API_MODEL_PROPERTIES: 'swagger/apiModelProperties',
  API_MODEL_PROPERTIES_ARRAY: 'swagger/apiModelPropertiesArray',
} as const;
