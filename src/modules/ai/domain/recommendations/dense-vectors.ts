/**
 * Dense vectors (embeddings, e.g. mistral-embed's 1024 dimensions): the rider's
 * taste as a weighted centroid of what they liked plus their profile's own
 * embedding, and cosine similarity to candidates. Vectors are stored
 * L2-normalized, so the cosine is a dot product.
 */
export type DenseVector = ArrayLike<number>;

export function l2normalize(vector: DenseVector): Float32Array {
  let norm = 0;
  for (let i = 0; i < vector.length; i++) norm += vector[i] * vector[i];
  norm = Math.sqrt(norm);
  const out = new Float32Array(vector.length);
  if (norm === 0) return out;
  for (let i = 0; i < vector.length; i++) out[i] = vector[i] / norm;
  return out;
}

/** Cosine of two normalized vectors of the same length (0 when the lengths differ: two models never mix). */
export function dot(a: DenseVector, b: DenseVector): number {
  if (a.length !== b.length) return 0;
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}

/** Σ weight × vector over the parts, normalized; null when no part has a vector or a positive weight. */
export function weightedCentroid(parts: Array<{ vector: DenseVector; weight: number }>): Float32Array | null {
  const usable = parts.filter((p) => p.weight > 0 && p.vector.length > 0);
  if (usable.length === 0) return null;
  const dimensions = usable[0].vector.length;
  const sum = new Float32Array(dimensions);
  for (const { vector, weight } of usable) {
    if (vector.length !== dimensions) continue;
    for (let i = 0; i < dimensions; i++) sum[i] += weight * vector[i];
  }
  return l2normalize(sum);
}

/**
 * Cosines rescaled to 0..1 over the scored set (min-max): embedding models give
 * even unrelated texts a high cosine (mistral-embed: about 0.6 to 0.9), so the
 * raw value would swamp the other signals of the hybrid; after rescaling the
 * closest candidate scores 1 and the farthest 0, like a strong and a nil TF-IDF match.
 */
export function rescaled(scores: Map<string, number>): Map<string, number> {
  const values = [...scores.values()];
  if (values.length === 0) return new Map();
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min;
  return new Map([...scores].map(([id, score]) => [id, span > 1e-9 ? (score - min) / span : 0]));
}
