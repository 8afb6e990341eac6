import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * @nestjs/swagger names a schema after its class and keeps one schema per name: two contexts each declaring
 * `CategoryDto` publish one of the two shapes for both routes, and the generated client types the other one wrong.
 * Every class in a file that describes HTTP shapes (it imports @nestjs/swagger or class-validator) must have a name
 * no other such class has.
 */
describe('OpenAPI schema names', () => {
  const root = join(__dirname, '..', '..', 'src');
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? files(join(dir, entry.name)) : entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [join(dir, entry.name)] : [],
    );

  it('every request and response class has a name of its own across all contexts', () => {
    const declared = new Map<string, string[]>();
    for (const file of files(root)) {
      const text = readFileSync(file, 'utf8');
      if (!/from '(@nestjs\/swagger|class-validator)'/.test(text)) continue;
      for (const match of text.matchAll(/^(?:export )?(?:abstract )?class (\w+)/gm)) {
        if (match[1].endsWith('Controller')) continue;
        declared.set(match[1], [...(declared.get(match[1]) ?? []), relative(root, file)]);
      }
    }
    const duplicated = [...declared].filter(([, where]) => where.length > 1).map(([name, where]) => `${name}: ${where.join(', ')}`);
    expect(duplicated).toEqual([]);
  });
});
