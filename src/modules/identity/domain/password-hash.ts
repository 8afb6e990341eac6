/**
 * Reads the parameters out of a PHC-format argon2 hash
 * (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`; the order of m, t and p varies
 * between libraries) to decide whether it is weaker than the current policy and
 * must be upgraded at the next successful login.
 */
export interface Argon2Parameters {
  variant: string;
  memoryKiB: number;
  timeCost: number;
  parallelism: number;
}

const PHC = /^\$(argon2(?:id|i|d))\$(?:v=\d+\$)?([a-z]=\d+(?:,[a-z]=\d+)*)\$/;

export function parseArgon2Hash(hash: string): Argon2Parameters | undefined {
  const match = PHC.exec(hash);
  if (!match) return undefined;
  const params = Object.fromEntries(match[2].split(',').map((pair) => [pair[0], Number(pair.slice(2))]));
  if (params.m === undefined || params.t === undefined || params.p === undefined) return undefined;
  return { variant: match[1], memoryKiB: params.m, timeCost: params.t, parallelism: params.p };
}

/** True when the hash is not argon2id or uses less memory, fewer passes or fewer lanes than `policy`. */
export function isWeakerThan(hash: string, policy: Omit<Argon2Parameters, 'variant'>): boolean {
  const params = parseArgon2Hash(hash);
  if (!params || params.variant !== 'argon2id') return true;
  return params.memoryKiB < policy.memoryKiB || params.timeCost < policy.timeCost || params.parallelism < policy.parallelism;
}
