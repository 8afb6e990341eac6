// @ts-check
/**
 * Architecture rules of ARCHITECTURE.md section 2-3, checked by `npm run arch`
 * (`depcruise src --config .dependency-cruiser.cjs`).
 *
 * Every path pattern starts with `(?:^|/)src/` so the same rules apply to `src/` and to the
 * deliberately wrong tree in `test/fixtures/architecture/src/` that
 * `test/architecture/architecture.spec.ts` cruises to prove each rule fires.
 * Patterns that refer to "the same context" capture the context name as group 1 in
 * `from.path` (non-capturing `(?:...)` everywhere else, so `$1` is always the context).
 */

const SRC = '(?:^|/)src/';
const MODULES = `${SRC}modules/`;
const PLATFORM = `${SRC}platform/`;
const KERNEL = `${PLATFORM}kernel/`;

/** npm packages (resolved into node_modules, or unresolved bare names) whose names match one of `names`. */
const packages = (...names) => `(?:^|/)node_modules/(?:${names.join('|')})(?:/|$)|^(?:${names.join('|')})(?:/|$)`;

const NPM_TYPES = ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-bundled', 'npm-no-pkg', 'npm-unknown'];

/** Frameworks and infrastructure libraries a domain layer must not know about. */
const DOMAIN_FORBIDDEN_PACKAGES = packages(
  '@nestjs/[^/]+',
  'typeorm',
  'class-validator',
  'class-transformer',
  'fastify',
  '@fastify/[^/]+',
  'bull',
  'ioredis',
  'pg',
);

/** Persistence, HTTP-validation and documentation libraries that belong to infrastructure. Application may use @nestjs/common. */
const APPLICATION_FORBIDDEN_PACKAGES = packages(
  'typeorm',
  '@nestjs/typeorm',
  'pg',
  'class-validator',
  'class-transformer',
  '@nestjs/swagger',
  '@nestjs/platform-fastify',
  'fastify',
);

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    // ---------------------------------------------------------------- platform
    {
      name: 'platform-not-to-modules',
      comment: 'ARCHITECTURE.md 2: `platform` never imports a module (src/modules/**).',
      severity: 'error',
      from: { path: PLATFORM },
      to: { path: MODULES },
    },
    {
      name: 'platform-not-to-composition-root',
      comment:
        'src/app.module.ts is the composition root. platform never imports it, not even to start the application: ' +
        'the entry points (main.ts, worker.ts, cli/dev.ts) hand it to startApi/startWorker/createHttpApp, so platform knows no module.',
      severity: 'error',
      from: { path: PLATFORM },
      to: { path: `${SRC}app\\.module\\.ts$` },
    },
    {
      name: 'platform-not-to-entrypoints',
      comment: 'platform is a library for the entry points (src/main.ts, src/worker.ts, src/cli/**), never the other way round.',
      severity: 'error',
      from: { path: PLATFORM },
      to: { path: `${SRC}(?:main|worker)\\.ts$|${SRC}cli/` },
    },

    // ---------------------------------------------------------------- kernel
    {
      name: 'kernel-no-packages',
      comment: 'src/platform/kernel is plain TypeScript shared by every domain: it imports no npm package.',
      severity: 'error',
      from: { path: KERNEL },
      to: { dependencyTypes: NPM_TYPES },
    },
    {
      name: 'kernel-self-contained',
      comment: 'src/platform/kernel imports nothing outside src/platform/kernel (Node core modules excepted).',
      severity: 'error',
      from: { path: KERNEL },
      to: { pathNot: KERNEL, dependencyTypesNot: [...NPM_TYPES, 'core'] },
    },

    // ---------------------------------------------------------------- layers inside a context
    {
      name: 'domain-not-to-outer-layers',
      comment:
        "ARCHITECTURE.md 3: layers point inward. A context's domain/ imports nothing from its application/, " +
        'infrastructure/, index.ts or <context>.module.ts.',
      severity: 'error',
      from: { path: `${MODULES}([^/]+)/domain/` },
      to: { path: `${MODULES}$1/`, pathNot: `${MODULES}$1/domain/` },
    },
    {
      name: 'domain-only-kernel',
      comment:
        "A context's domain/ may import its own domain and src/platform/kernel/** only: not the rest of platform, " +
        'not another context, not the composition root.',
      severity: 'error',
      from: { path: `${MODULES}([^/]+)/domain/` },
      to: { path: SRC, pathNot: `${MODULES}$1/|${KERNEL}`, dependencyTypesNot: [...NPM_TYPES, 'core'] },
    },
    {
      name: 'domain-no-framework',
      comment: 'ARCHITECTURE.md 3: domain/ is plain TypeScript: no @nestjs/*, typeorm, class-validator, class-transformer, HTTP or queue libraries.',
      severity: 'error',
      from: { path: `${MODULES}[^/]+/domain/` },
      to: { path: DOMAIN_FORBIDDEN_PACKAGES },
    },
    {
      name: 'application-not-to-infrastructure',
      comment: "ARCHITECTURE.md 3: a context's application/ imports nothing from its infrastructure/ (define a port instead).",
      severity: 'error',
      from: { path: `${MODULES}([^/]+)/application/` },
      to: { path: `${MODULES}$1/infrastructure/` },
    },
    {
      name: 'application-no-infrastructure-packages',
      comment:
        'application/ may use @nestjs/common (@Injectable) but not typeorm, pg, class-validator, class-transformer, ' +
        '@nestjs/swagger or the HTTP adapter: those live in infrastructure/.',
      severity: 'error',
      from: { path: `${MODULES}[^/]+/application/` },
      to: { path: APPLICATION_FORBIDDEN_PACKAGES },
    },

    // ---------------------------------------------------------------- between contexts
    {
      name: 'module-only-through-index',
      comment:
        'ARCHITECTURE.md 3: another context is reached only through its public surface src/modules/<other>/index.ts, ' +
        'never its domain/, application/, infrastructure/ or module file.',
      severity: 'error',
      from: { path: `${MODULES}([^/]+)/` },
      to: { path: `${MODULES}[^/]+/.`, pathNot: `${MODULES}$1/|${MODULES}[^/]+/index\\.ts$` },
    },
    {
      name: 'outside-only-through-index',
      comment: 'Code outside src/modules (composition root, entry points, CLI) also reaches a context only through its index.ts.',
      severity: 'error',
      from: { path: SRC, pathNot: MODULES },
      to: { path: `${MODULES}[^/]+/.`, pathNot: `${MODULES}[^/]+/index\\.ts$` },
    },

    // ---------------------------------------------------------------- general hygiene
    {
      name: 'no-circular',
      comment:
        'Circular dependency between modules that exist at run time. Cycles closed only by `import type` ' +
        '(erased by tsc) are reported by no-circular-type-only as a warning.',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'no-circular-type-only',
      comment: 'Circular dependency closed by a type-only import: harmless at run time, but a sign that a type lives in the wrong place.',
      severity: 'warn',
      from: {},
      to: { circular: true, via: { dependencyTypes: ['type-only'] } },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that cannot be resolved to a file or an installed package.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'not-to-dev-dep',
      comment: 'Application code must not need a devDependency at run time (production installs omit them). Type-only imports are fine.',
      severity: 'error',
      from: { path: SRC },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: ['node_modules'] },
    // Count `import type` too: a domain must not even name an infrastructure type.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // Nest 12 and several other dependencies are ESM-only: resolve through `exports` with the `import` condition too.
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
    skipAnalysisNotInRules: true,
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
