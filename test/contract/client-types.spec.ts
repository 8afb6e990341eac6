import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ts from 'typescript';

/*
 * A second, independent reading of openapi.json checked against the committed
 * client (clients/typescript), so that a defect of the document or of the
 * generator cannot hide behind the other: a nullable string typed `object`
 * (the client then refuses a string), a nullable enum that lost its null.
 */

const DOCUMENT = resolve('openapi.json');
const CLIENT = resolve('clients/typescript');
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  nullable?: boolean;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  additionalProperties?: Schema | boolean;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
};
type Operation = { operationId: string; description?: string; responses: Record<string, { description?: string }> };
type Document = {
  info: { license?: { name?: string } };
  servers?: Array<{ url: string }>;
  tags?: Array<{ name: string; description?: string }>;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
};

const document = JSON.parse(readFileSync(DOCUMENT, 'utf8')) as Document;
/** `npm run openapi` rewrites the document and the client in parallel with this file: check them on the next run. */
const describeUnlessUpdating = process.env.UPDATE_CONTRACT === '1' ? describe.skip : describe;

/** Every schema node of the document with where it is. */
function* schemaNodes(schema: Schema | undefined, where: string): Generator<[string, Schema]> {
  if (!schema || typeof schema !== 'object') return;
  yield [where, schema];
  for (const [name, property] of Object.entries(schema.properties ?? {})) yield* schemaNodes(property, `${where}.${name}`);
  yield* schemaNodes(schema.items, `${where}[]`);
  if (typeof schema.additionalProperties === 'object') yield* schemaNodes(schema.additionalProperties, `${where}{}`);
  for (const [i, part] of [...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])].entries()) yield* schemaNodes(part, `${where}|${i}`);
}

const allNodes = () => Object.entries(document.components.schemas).flatMap(([name, schema]) => [...schemaNodes(schema, name)]);

/** TypeScript for a schema, written from the OpenAPI 3.0 rules alone (not from any generator). */
function tsType(schema: Schema | undefined): string {
  if (!schema) return 'unknown';
  const nullable = (type: string) => (schema.nullable ? `(${type}) | null` : type);
  if (schema.$ref) return `Expected.${schema.$ref.split('/').pop()}`;
  if (schema.allOf?.length) return nullable(schema.allOf.map(tsType).join(' & '));
  if (schema.oneOf?.length || schema.anyOf?.length) return nullable((schema.oneOf ?? schema.anyOf)!.map(tsType).join(' | '));
  // A nullable enum keeps null only if it lists it (OpenAPI 3.0.3); nullable alone does not add it.
  if (schema.enum?.length) return schema.enum.map((value) => JSON.stringify(value)).join(' | ');
  switch (schema.type) {
    case 'string':
      return nullable('string');
    case 'integer':
    case 'number':
      return nullable('number');
    case 'boolean':
      return nullable('boolean');
    case 'array':
      return nullable(`Array<${tsType(schema.items)}>`);
    default: {
      const fields = Object.entries(schema.properties ?? {}).map(
        ([name, property]) => `${JSON.stringify(name)}${(schema.required ?? []).includes(name) ? '' : '?'}: ${tsType(property)};`,
      );
      if (typeof schema.additionalProperties === 'object') fields.push(`[key: string]: ${tsType(schema.additionalProperties)};`);
      if (!fields.length) fields.push('[key: string]: unknown;');
      return nullable(`{ ${fields.join(' ')} }`);
    }
  }
}

function compile(files: string[], options: ts.CompilerOptions): string[] {
  const program = ts.createProgram(files, options);
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const where = diagnostic.file ? `${diagnostic.file.fileName}:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1}: ` : '';
    return where + ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  });
}

describeUnlessUpdating('OpenAPI document as other tools read it', () => {
  it('types every schema that holds a value: no `type: object` without properties standing for a nullable scalar', () => {
    const untyped = allNodes()
      .filter(([, s]) => s.type === 'object' && !s.properties && s.additionalProperties === undefined && !s.allOf && !s.oneOf && !s.anyOf)
      .map(([where]) => where);
    expect(untyped).toEqual([]);
  });

  it('lists null among the values of every nullable enum', () => {
    const lost = allNodes()
      .filter(([, s]) => s.nullable === true && Array.isArray(s.enum) && !s.enum.includes(null))
      .map(([where]) => where);
    expect(lost).toEqual([]);
  });

  it('has servers, a license, described tags, and a description on every operation and response', () => {
    expect(document.servers?.length).toBeGreaterThan(0);
    expect(document.info.license?.name).toEqual(expect.any(String));
    const used = new Set(Object.values(document.paths).flatMap((item) => Object.values(item).flatMap((op) => (op as { tags?: string[] }).tags ?? [])));
    const declared = new Map((document.tags ?? []).map((tag) => [tag.name, tag.description ?? '']));
    for (const tag of used) expect({ tag, described: (declared.get(tag) ?? '').trim().length > 0 }).toEqual({ tag, described: true });
    for (const [path, item] of Object.entries(document.paths)) {
      for (const method of METHODS) {
        const operation = item[method];
        if (!operation) continue;
        const where = `${method.toUpperCase()} ${path}`;
        expect({ where, description: Boolean(operation.description?.trim()) }).toEqual({ where, description: true });
        for (const [status, response] of Object.entries(operation.responses)) {
          expect({ where, status, description: Boolean(response.description?.trim()) }).toEqual({ where, status, description: true });
        }
      }
    }
  });
});

describeUnlessUpdating('committed client', () => {
  let scratch: string;
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'client-types-'));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('compiles under strict without the DOM library (clients/typescript/tsconfig.json)', () => {
    const config = ts.getParsedCommandLineOfConfigFile(join(CLIENT, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined })!;
    expect(config.options.strict).toBe(true);
    expect((config.options.lib ?? []).some((lib) => /dom/i.test(lib))).toBe(false);
    expect(compile(config.fileNames, config.options)).toEqual([]);
  });

  it('agrees, schema by schema and property by property, with types written independently from the document', () => {
    const checks: string[] = [];
    const expected: string[] = [];
    for (const [name, schema] of Object.entries(document.components.schemas)) {
      expected.push(`export type ${name} = ${tsType(schema)};`);
      checks.push(`type Check_${name} = Same<Client.${name}, Expected.${name}>;`);
      for (const property of Object.keys(schema.properties ?? {})) {
        const id = `${name}__${property.replace(/\W/g, '_')}`;
        checks.push(`type Check_${id} = Same<Client.${name}[${JSON.stringify(property)}], Expected.${name}[${JSON.stringify(property)}]>;`);
      }
    }
    const file = join(scratch, 'check.ts');
    writeFileSync(
      file,
      [
        `import type * as Client from ${JSON.stringify(join(CLIENT, 'src/types.gen'))};`,
        '/** Each side assignable to the other; a mismatch makes the alias an error naming the schema and property. */',
        'type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;',
        'type Is<T extends true> = T;',
        `namespace Expected {\n${expected.join('\n')}\n}`,
        ...checks.map((check) => check.replace(/= Same</, '= Is<Same<').replace(/>;$/, '>>;')),
        'export {};',
      ].join('\n'),
    );
    const errors = compile([file], {
      strict: true,
      noEmit: true,
      lib: ['lib.es2022.d.ts'],
      types: [],
      skipLibCheck: true,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
    });
    const source = readFileSync(file, 'utf8').split('\n');
    const failing = errors.map((error) => {
      const line = Number(/check\.ts:(\d+):/.exec(error)?.[1]);
      return (Number.isFinite(line) ? /type (Check_\w+)/.exec(source[line - 1] ?? '')?.[1] : undefined) ?? error;
    });
    expect(failing).toEqual([]);
    expect(checks.length).toBeGreaterThan(Object.keys(document.components.schemas).length);
  });
});
