'use strict';

/**
 * The tests' fake Stripe (test/support/fake-stripe.ts) for the benchmark: the API's real `stripe` SDK talks to it over
 * HTTP on 127.0.0.1, so card payments, top-ups and webhooks can be measured without Stripe. The TypeScript source is
 * transpiled in memory with the project's `typescript` (no type-check, no build step), so the bench and the tests run
 * the same fake. It runs in the harness process; bench/run.js starts it and passes its address and keys to the API.
 */
const { readFileSync } = require('node:fs');
const Module = require('node:module');
const path = require('node:path');

const SOURCE = path.join(__dirname, '..', 'test', 'support', 'fake-stripe.ts');

function loadFakeStripe() {
  const ts = require('typescript');
  const { outputText } = ts.transpileModule(readFileSync(SOURCE, 'utf8'), {
    fileName: SOURCE,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  const compiled = new Module(SOURCE, module);
  compiled.filename = SOURCE;
  compiled.paths = Module._nodeModulePaths(path.dirname(SOURCE));
  compiled._compile(outputText, SOURCE);
  return compiled.exports;
}

/** Starts the fake; returns it (`url`, `succeed(id)`, `webhook(type, object)`, `close()`…) with the keys the API needs. */
async function startFakeStripe() {
  const { FakeStripe, FAKE_STRIPE_KEY, FAKE_WEBHOOK_SECRET } = loadFakeStripe();
  const fake = await new FakeStripe().start();
  return { fake, env: { STRIPE_SECRET_KEY: FAKE_STRIPE_KEY, STRIPE_WEBHOOK_SECRET: FAKE_WEBHOOK_SECRET, STRIPE_API_URL: fake.url } };
}

module.exports = { startFakeStripe };
