/**
 * Checks a model's JSON reply against the subset of JSON Schema our prompts
 * use: `type`, `required`, `properties`, `items`, `enum`. A reply that parses
 * but misses a required key or has the wrong type is as useless as one that
 * does not parse. Returns the problems found (empty: the reply fits).
 */
export type JsonSchemaLike = Record<string, unknown>;

export function schemaProblems(value: unknown, schema: JsonSchemaLike, path = '$'): string[] {
  const problems: string[] = [];
  const type = schema.type;
  if (typeof type === 'string' && !matchesType(value, type)) return [`${path} should be ${type}`];
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) problems.push(`${path} should be one of ${schema.enum.map(String).join(', ')}`);
  if (isObject(value)) {
    const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
    for (const key of required) if (!(key in value)) problems.push(`${path}.${key} is missing`);
    const properties = isObject(schema.properties) ? schema.properties : {};
    for (const [key, sub] of Object.entries(properties)) {
      if (key in value && isObject(sub)) problems.push(...schemaProblems(value[key], sub, `${path}.${key}`));
    }
  }
  if (Array.isArray(value) && isObject(schema.items)) {
    const items = schema.items;
    value.forEach((item, i) => problems.push(...schemaProblems(item, items, `${path}[${i}]`)));
  }
  return problems;
}

function matchesType(value: unknown, type: string): boolean {
  switch (type) {
    case 'object':
      return isObject(value);
    case 'array':
      return Array.isArray(value);
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'null':
      return value === null;
    default:
      return true;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
