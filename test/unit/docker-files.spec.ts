import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/**
 * Static checks of the container setup: no Docker engine is needed, the files
 * are parsed and their load-bearing parts asserted, so an edit that drops a
 * healthcheck, the non-root user or the migration step fails here.
 */
const ROOT = join(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

interface ComposeService {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  command?: string | string[];
  env_file?: string | Array<string | { path: string }>;
  environment?: Record<string, string> | string[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: string | string[]; disable?: boolean };
  ports?: Array<string | { target: number; published: number | string }>;
  volumes?: Array<string | { source?: string; target?: string }>;
}

interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

// merge: compose files use YAML merge keys (<<) for the shared environment.
const compose = parse(read('docker/docker-compose.yml'), { merge: true }) as ComposeFile;
const services = compose.services ?? {};

const asText = (value: string | string[] | undefined): string => (Array.isArray(value) ? value.join(' ') : (value ?? ''));
const healthTest = (service: ComposeService): string => asText(service.healthcheck?.test);
const conditions = (service: ComposeService): Record<string, string | undefined> => {
  const dependsOn = service.depends_on ?? {};
  if (Array.isArray(dependsOn)) return Object.fromEntries(dependsOn.map((name) => [name, undefined]));
  return Object.fromEntries(Object.entries(dependsOn).map(([name, spec]) => [name, spec?.condition]));
};
const environment = (service: ComposeService): Record<string, string> => {
  const env = service.environment ?? {};
  if (!Array.isArray(env)) return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, String(value)]));
  return Object.fromEntries(env.map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]));
};
const envFiles = (service: ComposeService): string[] => {
  const files = service.env_file === undefined ? [] : Array.isArray(service.env_file) ? service.env_file : [service.env_file];
  return files.map((file) => (typeof file === 'string' ? file : file.path));
};
const namedVolumes = (service: ComposeService): string[] =>
  (service.volumes ?? [])
    .map((volume) => (typeof volume === 'string' ? volume.split(':')[0] : (volume.source ?? '')))
    .filter((name) => /^[a-z0-9][\w.-]*$/i.test(name));

/** Dockerfile instructions, one per logical line (continuations joined, comments dropped). */
interface Instruction {
  keyword: string;
  args: string;
}

function parseDockerfile(text: string): Instruction[] {
  const logical: string[] = [];
  let current = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (current === '' && (line === '' || line.startsWith('#'))) continue;
    if (current !== '' && line.startsWith('#')) continue;
    if (line.endsWith('\\')) {
      current += `${line.slice(0, -1).trim()} `;
      continue;
    }
    logical.push(current + line);
    current = '';
  }
  if (current.trim()) logical.push(current.trim());
  return logical.map((line) => {
    const [keyword, ...rest] = line.split(/\s+/);
    return { keyword: keyword.toUpperCase(), args: rest.join(' ') };
  });
}

const dockerfile = parseDockerfile(read('docker/Dockerfile'));
const firstFrom = dockerfile.findIndex((instruction) => instruction.keyword === 'FROM');
const globalArgs = Object.fromEntries(
  dockerfile
    .slice(0, firstFrom)
    .filter((instruction) => instruction.keyword === 'ARG')
    .map((instruction) => {
      const [name, value = ''] = instruction.args.split('=');
      return [name.trim(), value.trim()];
    }),
);
const expandArgs = (text: string) => text.replace(/\$\{?(\w+)\}?/g, (whole, name: string) => globalArgs[name] ?? whole);

/** Each stage: its base image (ARGs expanded), its name and its instructions. */
const stages = dockerfile.reduce<Array<{ image: string; name?: string; instructions: Instruction[] }>>((all, instruction) => {
  if (instruction.keyword === 'FROM') {
    const [image, as, name] = instruction.args.replace(/--platform=\S+\s+/, '').split(/\s+/);
    all.push({ image: expandArgs(image), name: as?.toUpperCase() === 'AS' ? name : undefined, instructions: [] });
  } else if (all.length > 0) {
    all[all.length - 1].instructions.push(instruction);
  }
  return all;
}, []);
const runtime = stages[stages.length - 1];
const runtimeArgs = (keyword: string) => runtime.instructions.filter((instruction) => instruction.keyword === keyword).map((instruction) => instruction.args);
const allRuns = stages.flatMap((stage) => stage.instructions.filter((instruction) => instruction.keyword === 'RUN').map((instruction) => instruction.args));

describe('docker/docker-compose.yml', () => {
  it('defines postgres, redis, api and worker', () => {
    expect(Object.keys(services)).toEqual(expect.arrayContaining(['postgres', 'redis', 'api', 'worker']));
  });

  it('runs postgres 16 with a pg_isready healthcheck and a named volume', () => {
    const postgres = services.postgres;
    expect(postgres.image).toMatch(/^postgres:16\b/);
    expect(healthTest(postgres)).toContain('pg_isready');
    expect(namedVolumes(postgres).length).toBeGreaterThan(0);
    for (const volume of namedVolumes(postgres)) expect(compose.volumes ?? {}).toHaveProperty([volume]);
  });

  it('runs redis 7 with a redis-cli ping healthcheck and a volume', () => {
    const redis = services.redis;
    expect(redis.image).toMatch(/^redis:7\b/);
    expect(healthTest(redis)).toMatch(/redis-cli\s+ping/);
    expect(namedVolumes(redis).length).toBeGreaterThan(0);
    for (const volume of namedVolumes(redis)) expect(compose.volumes ?? {}).toHaveProperty([volume]);
  });

  it.each(['api', 'worker'])('builds %s from docker/Dockerfile with the repository as context', (name) => {
    const build = services[name].build;
    expect(typeof build).toBe('object');
    expect(build).toMatchObject({ context: '..', dockerfile: 'docker/Dockerfile' });
  });

  it.each(['api', 'worker'])('starts %s only once postgres and redis are healthy', (name) => {
    expect(conditions(services[name])).toMatchObject({ postgres: 'service_healthy', redis: 'service_healthy' });
  });

  it.each(['api', 'worker'])('gives %s the .env file and URLs of the compose network', (name) => {
    const service = services[name];
    expect(envFiles(service)).toContain('../.env');
    const env = environment(service);
    expect(new URL(env.DATABASE_URL).hostname).toBe('postgres');
    expect(new URL(env.REDIS_URL).hostname).toBe('redis');
  });

  it('migrates before it starts the API, publishes port 3000 and checks liveness', () => {
    const api = services.api;
    const command = asText(api.command);
    expect(command).toContain('node dist/cli/migrate.js');
    expect(command).toMatch(/node dist\/main\.js/);
    expect(command.indexOf('dist/cli/migrate.js')).toBeLessThan(command.indexOf('dist/main.js'));
    expect(command).toMatch(/migrate\.js\s*&&/);
    const ports = (api.ports ?? []).map((port) => (typeof port === 'string' ? port : `${port.published}:${port.target}`));
    expect(ports).toContain('3000:3000');
    expect(healthTest(api)).toContain('/api/v1/health/live');
  });

  it('runs the worker from the same image with node dist/worker.js', () => {
    expect(asText(services.worker.command)).toBe('node dist/worker.js');
    expect(services.worker.image ?? services.api.image).toBe(services.api.image);
  });

  it('gives every service a healthcheck or dependency conditions', () => {
    for (const [name, service] of Object.entries(services)) {
      const checked = healthTest(service) !== '' && service.healthcheck?.disable !== true;
      const gated = Object.values(conditions(service)).some((condition) => condition !== undefined);
      expect({ name, ok: checked || gated }).toEqual({ name, ok: true });
    }
  });
});

describe('docker/Dockerfile', () => {
  it('has at least two stages and runs on node:20-bookworm-slim', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(runtime.image).toBe('node:20-bookworm-slim');
  });

  it('installs with npm ci, builds with npm run build and has the toolchain argon2 compiles with', () => {
    expect(allRuns.some((run) => /\bnpm ci\b/.test(run) && !run.includes('--omit=dev'))).toBe(true);
    expect(allRuns.some((run) => /\bnpm ci\b.*--omit=dev/.test(run))).toBe(true);
    expect(allRuns.some((run) => /\bnpm run build\b/.test(run))).toBe(true);
    const toolchain = allRuns.find((run) => run.includes('apt-get install')) ?? '';
    for (const tool of ['python3', 'make', 'g++']) expect(toolchain.split(/\s+/)).toContain(tool);
  });

  it('keeps the compiler out of the runtime stage', () => {
    expect(runtimeArgs('RUN').join('\n')).not.toMatch(/g\+\+|build-essential/);
  });

  it('runs the runtime stage as a user that is not root', () => {
    const users = runtimeArgs('USER');
    expect(users.length).toBeGreaterThan(0);
    const user = users[users.length - 1].split(':')[0];
    expect(['root', '0', '']).not.toContain(user);
  });

  it('sets NODE_ENV=production, exposes 3000 and probes /api/v1/health/live with node', () => {
    expect(runtimeArgs('ENV').join(' ')).toMatch(/\bNODE_ENV[= ]production\b/);
    expect(runtimeArgs('EXPOSE').join(' ')).toMatch(/\b3000\b/);
    const healthcheck = runtimeArgs('HEALTHCHECK').join(' ');
    expect(healthcheck).toContain('/api/v1/health/live');
    expect(healthcheck).toMatch(/CMD \[?"?node/);
  });

  it('starts the API with node dist/main.js by default', () => {
    const cmd = runtimeArgs('CMD');
    expect(cmd.length).toBeGreaterThan(0);
    expect(JSON.parse(cmd[cmd.length - 1])).toEqual(['node', 'dist/main.js']);
    expect(runtime.instructions.some((instruction) => instruction.keyword === 'COPY' && /\bdist\b/.test(instruction.args))).toBe(true);
  });

  it('copies only paths that exist in the repository', () => {
    const sources = stages
      .flatMap((stage) => stage.instructions)
      .filter((instruction) => instruction.keyword === 'COPY' && !instruction.args.includes('--from='))
      .flatMap((instruction) =>
        instruction.args
          .replace(/--\S+\s+/g, '')
          .split(/\s+/)
          .slice(0, -1),
      );
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) expect({ source, exists: existsSync(join(ROOT, source)) }).toEqual({ source, exists: true });
  });
});

describe('.dockerignore', () => {
  it('keeps dependencies, build output, local data and secrets out of the build context', () => {
    const patterns = read('.dockerignore')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'));
    expect(patterns).toEqual(expect.arrayContaining(['node_modules', 'dist', '.git', '.data', '.env']));
  });
});
