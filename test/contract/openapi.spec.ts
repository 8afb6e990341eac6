import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { buildOpenApiDocument } from '../../src/platform/http/openapi';
import { createTestApp, TestApp } from '../support/test-app';

const DOCUMENT = resolve('openapi.json');
const CLIENT_DIR = resolve('clients/typescript/src');
const UPDATE = process.env.UPDATE_CONTRACT === '1';
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

function generateClient(input: string, output: string): void {
  execFileSync(resolve('node_modules/.bin/openapi-ts'), ['--input', input, '--output', output, '--client', '@hey-api/client-fetch', '--silent'], {
    stdio: 'pipe',
  });
  withoutDomTypes(join(output, 'client/client.gen.ts'));
  withoutDomTypes(join(output, 'types.gen.ts'));
}

/**
 * The generated fetch client names `BodyInit` (and `Blob | File` for uploads), types only the DOM library
 * declares; `RequestInit['body']` is the same type and exists in Node's fetch
 * types too, so the client compiles without DOM (clients/typescript/tsconfig.json).
 */
function withoutDomTypes(file: string): void {
  if (!existsSync(file)) return;
  writeFileSync(
    file,
    readFileSync(file, 'utf8')
      .replace(/\bBodyInit\b/g, "NonNullable<RequestInit['body']>")
      // Binary form fields (uploads): any Blob-like value (Blob and File in browsers and Node alike), named structurally
      // because Blob and File are DOM (or Node) globals the client must not depend on.
      .replace(/\bBlob \| File\b/g, '{ readonly size: number; readonly type: string; arrayBuffer(): Promise<ArrayBuffer> }'),
  );
}

function readTree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (current: string, prefix: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) walk(path, `${prefix}${entry.name}/`);
      else files[`${prefix}${entry.name}`] = readFileSync(path, 'utf8');
    }
  };
  if (existsSync(dir)) walk(dir, '');
  return files;
}

/**
 * The committed openapi.json and the generated client must match the code.
 * `npm run openapi` (UPDATE_CONTRACT=1) rewrites both; CI runs the check.
 */
describe('API contract', () => {
  let t: TestApp;
  let document: ReturnType<typeof buildOpenApiDocument>;
  beforeAll(async () => {
    t = await createTestApp();
    document = buildOpenApiDocument(t.app);
    if (UPDATE) {
      writeFileSync(DOCUMENT, `${JSON.stringify(document, null, 2)}\n`);
      rmSync(CLIENT_DIR, { recursive: true, force: true });
      generateClient(DOCUMENT, CLIENT_DIR);
    }
  });
  afterAll(() => t.close());

  it('openapi.json is up to date (run `npm run openapi`)', () => {
    const committed = JSON.parse(readFileSync(DOCUMENT, 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(document)));
  });

  it('the generated client is up to date (run `npm run openapi`)', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'client-'));
    try {
      generateClient(DOCUMENT, scratch);
      expect(readTree(CLIENT_DIR)).toEqual(readTree(scratch));
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  it('gives every operation an id, a summary, a tag, its security and problem responses', () => {
    const seen = new Set<string>();
    for (const [path, item] of Object.entries(document.paths)) {
      for (const method of METHODS) {
        const operation = item[method];
        if (!operation) continue;
        const where = `${method.toUpperCase()} ${path}`;
        expect({ where, operationId: operation.operationId }).toEqual({ where, operationId: expect.stringMatching(/^[a-z][A-Za-z0-9_]+$/) });
        expect(seen.has(operation.operationId!)).toBe(false);
        seen.add(operation.operationId!);
        expect({ where, summary: operation.summary }).toEqual({ where, summary: expect.any(String) });
        expect({ where, tags: operation.tags?.length }).toEqual({ where, tags: 1 });
        expect({ where, security: Array.isArray(operation.security) }).toEqual({ where, security: true });
        const problems = Object.entries(operation.responses).filter(([status]) => Number(status) >= 400);
        expect({ where, hasProblems: problems.length > 0 }).toEqual({ where, hasProblems: true });
        for (const [status, response] of problems) {
          expect({ where, status, content: Object.keys((response as { content?: object }).content ?? {}) }).toEqual({
            where,
            status,
            content: ['application/problem+json'],
          });
        }
      }
    }
    expect(seen.size).toBeGreaterThan(0);
  });
});
