/** @type {import('jest').Config} */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true, dynamicImport: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs', ignoreDynamic: false },
    sourceMaps: 'inline',
  },
];

// Packages published as ESM only must be transformed to CommonJS for jest.
const esmOnly = [
  '@nestjs',
  '@mistralai',
  'content-disposition',
  'cookie',
  'file-type',
  '@tokenizer',
  'strtok3',
  'token-types',
  'uint8array-extras',
  '@borewit',
  'jose',
  'set-cookie-parser',
  'toad-cache',
  'marked',
].join('|');

module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j|mj)sx?$': swc },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly})/)`],
  testRegex: ['src/.*\\.spec\\.ts$', 'test/.*\\.(spec|e2e-spec)\\.ts$'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/test/fixtures/'],
  // The generated client imports its siblings with .js extensions (ESM style).
  // file-type's node entry is exported under `import`/`module-sync` only, which jest's CommonJS resolver does not pick.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1', '^file-type$': '<rootDir>/node_modules/file-type/index.js' },
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  testTimeout: 60_000,
  maxWorkers: 2,
  // Each file boots Nest apps and leaves hundreds of megabytes of garbage that V8 collects late. Recycle a worker
  // between files once its heap holds more than this.
  workerIdleMemoryLimit: '1536MB',
  // A worker that ends the run holding ~1 GB of that garbage has no handle left (its 'exit' event fires within
  // milliseconds) but Node takes 0.5-0.6 s to tear the heap down on two busy cores, past Jest's default 500 ms, and
  // Jest then reports it as "failed to exit gracefully". A leaked handle (an open socket, a ref'd interval) keeps a
  // worker alive for good and is still reported; a leak of whole test files is caught by test-file-leaks.spec.ts.
  workerGracefulExitTimeout: 5_000,
};
