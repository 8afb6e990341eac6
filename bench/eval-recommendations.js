'use strict';

/**
 * npm run eval:recs: hit-rate@10 and NDCG@10 of popularity, content only, collaborative only and the hybrid on the
 * seeded synthetic set of src/modules/ai/domain/recommendations/evaluation.ts (the production recommender code,
 * loaded from TypeScript with @swc/core, no build needed). Options: --seed N --riders N --listings N --sellers N.
 */
const fs = require('node:fs');
const swc = require('@swc/core');

require.extensions['.ts'] = (module, filename) => {
  const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};

const { buildDataset, DEFAULT_EVAL_OPTIONS, evaluate, formatTable } = require('../src/modules/ai/domain/recommendations/evaluation.ts');

const options = { ...DEFAULT_EVAL_OPTIONS };
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i += 2) {
  const key = args[i].replace(/^--/, '');
  if (!(key in options) || !Number.isInteger(Number(args[i + 1]))) {
    console.error(`usage: npm run eval:recs -- [--seed N] [--riders N] [--listings N] [--sellers N] (unknown: ${args[i]})`);
    process.exit(2);
  }
  options[key] = Number(args[i + 1]);
}

const started = Date.now();
const dataset = buildDataset(options);
const scores = evaluate(dataset);
console.log(formatTable(scores, dataset));
console.log(`\n(seed ${options.seed}, ${((Date.now() - started) / 1000).toFixed(1)} s)`);
const hybrid = scores.find((s) => s.method === 'hybrid');
const popularity = scores.find((s) => s.method === 'popularity');
if (!(hybrid.hitRate > popularity.hitRate && hybrid.ndcg > popularity.ndcg)) {
  console.error('The hybrid does not beat popularity on this set.');
  process.exit(1);
}
