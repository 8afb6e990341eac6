'use strict';

/**
 * argon2id verifications per second with nothing else running: the reference
 * the login scenario is compared with. Run by bench/scenarios.js in a child
 * process, so its libuv thread pool can be sized like the API's (the pool size
 * is fixed when a process first uses it).
 *
 * Env: ARGON2_HASH (an argon2id hash of ARGON2_PASSWORD), ARGON2_PASSWORD,
 * SECONDS (measured time, after a 0.5 s warm-up), IN_FLIGHT (verifications kept
 * running at once; twice the pool size keeps every thread busy), UV_THREADPOOL_SIZE.
 * Prints { perSec } as JSON.
 */
const argon2 = require('argon2');

async function main() {
  const hash = process.env.ARGON2_HASH;
  const password = process.env.ARGON2_PASSWORD;
  const seconds = Number(process.env.SECONDS);
  const inFlight = Number(process.env.IN_FLIGHT);
  if (!(await argon2.verify(hash, password))) throw new Error('the hash does not match the password');
  const loop = async (until) => {
    let done = 0;
    while (Date.now() < until) {
      await argon2.verify(hash, password);
      done += 1;
    }
    return done;
  };
  await Promise.all(Array.from({ length: inFlight }, () => loop(Date.now() + 500)));
  const started = Date.now();
  const counts = await Promise.all(Array.from({ length: inFlight }, () => loop(started + seconds * 1000)));
  process.stdout.write(JSON.stringify({ perSec: counts.reduce((a, b) => a + b, 0) / ((Date.now() - started) / 1000) }));
}

main().catch((error) => {
  process.stderr.write(`argon2-rate: ${error.message}\n`);
  process.exit(1);
});
