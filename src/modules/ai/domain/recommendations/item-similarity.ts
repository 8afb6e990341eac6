/**
 * Item-to-item collaborative filtering: two listings are similar when the same
 * riders liked both (cosine over the riders' positive implicit feedback).
 */
export interface ItemSimilarity {
  listingId: string;
  similarListingId: string;
  score: number;
  /** Riders who liked both. */
  coUsers: number;
}

export function itemSimilarities(userItemWeights: Map<string, Map<string, number>>, topPerItem: number): ItemSimilarity[] {
  const norms = new Map<string, number>();
  const pairs = new Map<string, { dot: number; co: number }>();
  for (const items of userItemWeights.values()) {
    const liked = [...items.entries()].filter(([, w]) => w > 0);
    for (const [item, w] of liked) norms.set(item, (norms.get(item) ?? 0) + w * w);
    for (let i = 0; i < liked.length; i++) {
      for (let j = i + 1; j < liked.length; j++) {
        const [a, wa] = liked[i];
        const [b, wb] = liked[j];
        const key = a < b ? `${a}|${b}` : `${b}|${a}`;
        const pair = pairs.get(key) ?? { dot: 0, co: 0 };
        pair.dot += wa * wb;
        pair.co += 1;
        pairs.set(key, pair);
      }
    }
  }
  const byItem = new Map<string, ItemSimilarity[]>();
  for (const [key, { dot, co }] of pairs) {
    const [a, b] = key.split('|');
    const score = dot / Math.sqrt((norms.get(a) ?? 1) * (norms.get(b) ?? 1));
    for (const [from, to] of [
      [a, b],
      [b, a],
    ]) {
      const list = byItem.get(from) ?? [];
      list.push({ listingId: from, similarListingId: to, score, coUsers: co });
      byItem.set(from, list);
    }
  }
  return [...byItem.values()].flatMap((list) =>
    list.sort((x, y) => y.score - x.score || x.similarListingId.localeCompare(y.similarListingId)).slice(0, topPerItem),
  );
}
