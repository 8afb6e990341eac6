import { STATUS_CODES } from 'node:http';
import type { OpenAPIObject } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';

/*
 * What the document needs so that independent tools (redocly lint, client
 * generators) read it as the API behaves, fixed once here for every context
 * rather than in each DTO. test/contract/openapi-document.spec.ts checks the
 * result; redocly.yaml holds the lint rules CI runs.
 */

type SchemaNode = Record<string, unknown> & {
  type?: string;
  format?: string;
  enum?: unknown[];
  nullable?: boolean;
  example?: unknown;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  additionalProperties?: SchemaNode | boolean;
  allOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  anyOf?: SchemaNode[];
  $ref?: string;
};

/** One line per tag: what the operations under it are about. Contexts not listed get a generic line. */
export const TAG_DESCRIPTIONS: Readonly<Record<string, string>> = {
  identity: 'Accounts, sign-up and sign-in (password or phone OTP), tokens, sessions, profile, e-mail and password changes',
  catalog: 'Vehicle types, brands and models: reference data shared by every organization',
  organizations: 'Organizations (dealerships, repair shops, creator studios), their members, invitations and API keys',
  users: 'User management by platform admins and organization principals',
  audit: "An organization's audit log",
  marketplace: 'Listings (tunes, vehicles, parts), moderation, featured placement, reviews and downloads',
  commerce: 'Orders, payments, invoices, refunds, wallets, discount codes and payouts',
  bookings: 'Service catalog, prices per vehicle model, shop hours and bays, appointments and the staff portal',
  messaging: 'Conversations, messages, read receipts, blocks and attachments',
  community: 'Forum, comments and notifications',
  ai: 'Recommendations, onboarding profile, interactions, insights and role-play training',
  admin: "Operators' tools: users, organizations, moderation, refunds, payouts",
  health: 'Liveness and readiness probes',
};

const STRING_FORMATS = new Set(['email', 'uri', 'url', 'date', 'date-time', 'uuid', 'byte', 'binary', 'password', 'hostname', 'ipv4', 'ipv6', 'phone']);
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'] as const;

/**
 * A property typed `string | null` reflects as `Object`, so swagger writes
 * `type: object` with nothing else: a client then refuses a string. When the
 * rest of the schema says scalar (a string format, a length, a pattern, an
 * example), the type is that scalar. One that says nothing stays as it is and
 * the contract test names it: give it `type: String`.
 */
function scalarType(schema: SchemaNode): string | undefined {
  if (schema.type !== 'object' || schema.properties || schema.additionalProperties !== undefined || schema.allOf || schema.oneOf || schema.anyOf || schema.$ref)
    return undefined;
  if (typeof schema.format === 'string' && STRING_FORMATS.has(schema.format)) return 'string';
  if (schema.minLength !== undefined || schema.maxLength !== undefined || schema.pattern !== undefined) return 'string';
  if (schema.minimum !== undefined || schema.maximum !== undefined) return 'number';
  if (typeof schema.example === 'string') return 'string';
  if (typeof schema.example === 'number') return Number.isInteger(schema.example) ? 'integer' : 'number';
  if (typeof schema.example === 'boolean') return 'boolean';
  if (Array.isArray(schema.enum) && schema.enum.every((value) => typeof value === 'string' || value === null)) return 'string';
  return undefined;
}

const VALIDATOR_TYPES: Readonly<Record<string, string>> = {
  isString: 'string',
  isEmail: 'string',
  isUrl: 'string',
  isPhoneNumber: 'string',
  matches: 'string',
  maxLength: 'string',
  minLength: 'string',
  length: 'string',
  isUuid: 'string',
  isDateString: 'string',
  isIso8601: 'string',
  isInt: 'integer',
  isNumber: 'number',
  isBoolean: 'boolean',
};

/**
 * The scalar type class-validator checks for each property of each DTO, by
 * class name (the schema's name): `@IsString()` on a `string | null` field says
 * string where swagger only saw Object. Read from class-validator's global
 * storage; if its shape ever changes this answers nothing and the contract test
 * names the schemas left untyped.
 */
export function validatedScalarTypes(): Map<string, Map<string, string>> {
  const result = new Map<string, Map<string, string>>();
  const stored = (getMetadataStorage() as unknown as { validationMetadatas?: unknown }).validationMetadatas;
  if (!(stored instanceof Map)) return result;
  for (const [target, metadatas] of stored as Map<unknown, Array<{ name?: string; propertyName: string }>>) {
    if (typeof target !== 'function' || !Array.isArray(metadatas)) continue;
    const properties = result.get(target.name) ?? new Map<string, string>();
    for (const metadata of metadatas) {
      const key = (metadata.name ?? '').toLowerCase();
      const type = Object.entries(VALIDATOR_TYPES).find(([name]) => name.toLowerCase() === key)?.[1];
      if (type && !properties.has(metadata.propertyName)) properties.set(metadata.propertyName, type);
    }
    result.set(target.name, properties);
  }
  return result;
}

/** Fixes one schema and everything under it, in place. `validated`: the checked types of its properties. */
export function normalizeSchema(schema: SchemaNode | undefined, seen = new Set<object>(), validated?: Map<string, string>): void {
  if (!schema || typeof schema !== 'object' || seen.has(schema)) return;
  seen.add(schema);
  if (validated && schema.properties) {
    for (const [name, property] of Object.entries(schema.properties)) {
      const type = validated.get(name);
      if (type && property.type === 'object' && !property.properties && property.additionalProperties === undefined) property.type = type;
    }
  }
  const scalar = scalarType(schema);
  if (scalar) schema.type = scalar;
  // OpenAPI 3.0: a nullable enum lists null among its values, or generators drop it.
  if (schema.nullable === true && Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...schema.enum, null];
  // OpenAPI 3.0 ignores siblings of $ref: a nullable reference is written allOf + nullable.
  if (schema.$ref && schema.nullable === true) {
    const { $ref, ...rest } = schema;
    for (const key of Object.keys(schema)) delete schema[key];
    Object.assign(schema, { ...rest, allOf: [{ $ref }] });
  }
  for (const child of Object.values(schema.properties ?? {})) normalizeSchema(child, seen);
  normalizeSchema(schema.items, seen);
  if (typeof schema.additionalProperties === 'object') normalizeSchema(schema.additionalProperties, seen);
  for (const part of [...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])]) normalizeSchema(part, seen);
}

type Operation = {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: Array<{ schema?: SchemaNode }>;
  requestBody?: { content?: Record<string, { schema?: SchemaNode }> };
  responses: Record<string, { description?: string; content?: Record<string, { schema?: SchemaNode }> }>;
};

/** Schemas, tags, descriptions and the document's own metadata, as linters and generators need them. */
export function normalizeDocument(document: OpenAPIObject): OpenAPIObject {
  const validated = validatedScalarTypes();
  for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) normalizeSchema(schema as SchemaNode, new Set(), validated.get(name));
  const tags = new Set<string>();
  for (const pathItem of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = pathItem[method] as Operation | undefined;
      if (!operation) continue;
      operation.tags?.forEach((tag) => tags.add(tag));
      if (!operation.description?.trim() && operation.summary)
        operation.description = operation.summary.endsWith('.') ? operation.summary : `${operation.summary}.`;
      for (const parameter of operation.parameters ?? []) normalizeSchema(parameter.schema);
      for (const media of Object.values(operation.requestBody?.content ?? {})) normalizeSchema(media.schema);
      for (const [status, response] of Object.entries(operation.responses)) {
        for (const media of Object.values(response.content ?? {})) normalizeSchema(media.schema);
        if (!response.description?.trim()) response.description = successDescription(status, response);
      }
    }
  }
  const declared = new Map((document.tags ?? []).map((tag) => [tag.name, tag]));
  document.tags = [...tags].sort().map((name) => ({
    ...declared.get(name),
    name,
    description: declared.get(name)?.description || TAG_DESCRIPTIONS[name] || `Operations of the ${name} context`,
  }));
  return document;
}

function successDescription(status: string, response: { content?: Record<string, { schema?: SchemaNode }> }): string {
  const text = STATUS_CODES[Number(status)] ?? `Status ${status}`;
  const schema = Object.values(response.content ?? {})[0]?.schema;
  const name = schema?.$ref?.split('/').pop() ?? (schema?.items?.$ref ? `a list of ${schema.items.$ref.split('/').pop()}` : undefined);
  return name ? `${text}: ${name}` : text;
}
