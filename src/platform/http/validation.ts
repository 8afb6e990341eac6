import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { SWAGGER_METADATA as DECORATORS } from './swagger-metadata';
import { getMetadataStorage } from 'class-validator';
import { DomainError } from '../kernel/domain-error';

const VALIDATION_FAILED = 'HTTP.VALIDATION_FAILED';
const VALIDATION_MESSAGE = 'The request has invalid or unexpected fields.';

/** Flattens class-validator's tree into `{ "field.path": [messages] }`. */
export function fieldErrors(errors: ValidationError[], parent = ''): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const error of errors) {
    const path = parent ? `${parent}.${error.property}` : error.property;
    if (error.constraints) result[path] = Object.values(error.constraints);
    if (error.children?.length) Object.assign(result, fieldErrors(error.children, path));
  }
  return result;
}

type Class = abstract new (...args: never[]) => unknown;
interface PropertyDoc {
  type?: unknown;
  nullable?: boolean;
  isArray?: boolean;
}

const declared = new WeakMap<Class, string[]>();

/** Property names a DTO declares, to swagger or to class-validator; fixed once the classes are loaded. */
function declaredProperties(type: Class): string[] {
  let names = declared.get(type);
  if (names === undefined) {
    names = readDeclaredProperties(type);
    declared.set(type, names);
  }
  return names;
}

function readDeclaredProperties(type: Class): string[] {
  const documented = ((Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES_ARRAY, type.prototype as object) as string[] | undefined) ?? [])
    .filter((key) => key.startsWith(':'))
    .map((key) => key.slice(1));
  const validated = getMetadataStorage()
    .getTargetValidationMetadatas(type as never, '', true, false)
    .map((metadata) => metadata.propertyName);
  return [...new Set([...documented, ...validated])];
}

/** The DTO class a documented property holds, if it holds one (`type: Dto`, `type: () => Dto`, `type: [Dto]`). */
function nestedClass(doc: PropertyDoc | undefined): Class | undefined {
  let type = doc?.type;
  if (Array.isArray(type)) type = type[0];
  if (typeof type === 'function' && !type.prototype) type = (type as () => unknown)();
  if (Array.isArray(type)) type = type[0];
  if (typeof type !== 'function' || !type.prototype) return undefined;
  return Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES_ARRAY, type.prototype as object) ? (type as Class) : undefined;
}

/**
 * Explicit null is accepted only where the DTO documents the field as nullable
 * (`@ApiProperty({ nullable: true })`, where null means "none" or "clear it"),
 * on create and update alike. Elsewhere it is refused by name instead of being
 * let through by `@IsOptional()` to code that expects a value.
 */
export function nullViolations(value: unknown, type: Class | undefined, parent = '', depth = 0): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  if (!type || value === null || typeof value !== 'object' || depth > 8) return result;
  const items = Array.isArray(value) ? value.map((item, index) => [`${parent}[${index}]`, item] as const) : [[parent, value] as const];
  for (const [base, item] of items) {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) continue;
    for (const property of declaredProperties(type)) {
      if (!Object.prototype.hasOwnProperty.call(item, property)) continue;
      const path = base ? `${base}.${property}` : property;
      const doc = Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, type.prototype as object, property) as PropertyDoc | undefined;
      const field = (item as Record<string, unknown>)[property];
      if (field === null) {
        if (doc?.nullable !== true) result[path] = [`${property} must not be null; leave it out instead`];
        continue;
      }
      Object.assign(result, nullViolations(field, nestedClass(doc), path, depth + 1));
    }
  }
  return result;
}

class PlatformValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const nulls = metadata.type === 'body' ? nullViolations(value, metadata.metatype as Class | undefined) : {};
    if (Object.keys(nulls).length === 0) return super.transform(value, metadata);
    let errors: Record<string, string[]> = {};
    try {
      await super.transform(value, metadata);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== VALIDATION_FAILED) throw error;
      errors = error.details?.errors ?? {};
    }
    throw new DomainError(VALIDATION_FAILED, 'validation', VALIDATION_MESSAGE, { errors: { ...errors, ...nulls } });
  }
}

export function createValidationPipe(): ValidationPipe {
  return new PlatformValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new DomainError(VALIDATION_FAILED, 'validation', VALIDATION_MESSAGE, { errors: fieldErrors(errors) }),
  });
}
