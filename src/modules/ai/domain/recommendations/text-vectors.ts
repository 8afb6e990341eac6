/**
 * TF-IDF over short listing texts, the local (offline, deterministic) content
 * model of recommendations. Vectors are sparse maps, L2-normalized.
 */
export type SparseVector = Map<string, number>;

const STOP_WORDS = new Set(['the', 'a', 'an', 'and', 'or', 'for', 'with', 'of', 'to', 'in', 'on', 'by', 'at', 'is', 'my', 'your']);

export function tokenize(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((token) => token.length > 1 && !STOP_WORDS.has(token));
}

export class TfIdf {
  private readonly idf = new Map<string, number>();

  constructor(documents: string[][]) {
    const df = new Map<string, number>();
    for (const doc of documents) for (const term of new Set(doc)) df.set(term, (df.get(term) ?? 0) + 1);
    for (const [term, count] of df) this.idf.set(term, Math.log((1 + documents.length) / (1 + count)) + 1);
  }

  vector(tokens: string[]): SparseVector {
    const tf = new Map<string, number>();
    for (const token of tokens) tf.set(token, (tf.get(token) ?? 0) + 1);
    const vector: SparseVector = new Map();
    for (const [term, count] of tf) vector.set(term, count * (this.idf.get(term) ?? Math.log(2) + 1));
    return normalize(vector);
  }
}

export function normalize(vector: SparseVector): SparseVector {
  let norm = 0;
  for (const value of vector.values()) norm += value * value;
  norm = Math.sqrt(norm);
  if (norm === 0) return vector;
  const out: SparseVector = new Map();
  for (const [k, v] of vector) out.set(k, v / norm);
  return out;
}

export function cosine(a: SparseVector, b: SparseVector): number {
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [k, v] of small) dot += v * (large.get(k) ?? 0);
  return dot;
}

/** a + weight × b, in place on a. */
export function addScaled(a: SparseVector, b: SparseVector, weight: number): void {
  for (const [k, v] of b) a.set(k, (a.get(k) ?? 0) + weight * v);
}
