/**
 * How much of what the rest of a story goes on to say each sentence already says: the
 * directed centrality of PacSum (Zheng and Lapata, 2019), over TF-IDF vectors. News puts
 * the gist first and the detail after it, so a sentence that the following sentences keep
 * echoing is central; echoing what came before makes a sentence no more central.
 */

/** A sentence as the centrality sees it. */
export interface CentralityNode {
  /** Position of the sentence in the story; "following" means a greater order. */
  order: number;
  /** Its content-word stems. */
  stems: string[];
}

/**
 * Forward centrality of each of `candidates` among all of `nodes`: the sum of its TF-IDF
 * cosine similarity to each later node, less a threshold. The threshold lies `threshold`
 * of the way from the smallest to the largest similarity seen, so only the stronger links
 * count whatever the story's vocabulary.
 *
 * @param nodes every sentence of the story
 * @param candidates indexes into `nodes` of the sentences to score
 * @param threshold between 0 (every link counts) and 1 (none does)
 */
export function forwardCentrality(nodes: CentralityNode[], candidates: number[], threshold: number): number[] {
  const vectors = tfidf(nodes.map((n) => n.stems));
  const similarity = candidates.map((c) => nodes.map((_, j) => (j === c ? Number.NaN : cosine(vectors[c]!, vectors[j]!))));
  let min = Infinity;
  let max = -Infinity;
  for (const row of similarity) {
    for (const s of row) {
      if (Number.isNaN(s)) continue;
      if (s < min) min = s;
      if (s > max) max = s;
    }
  }
  if (min > max) return candidates.map(() => 0);
  const floor = min + threshold * (max - min);
  return candidates.map((c, k) => {
    let score = 0;
    similarity[k]!.forEach((s, j) => {
      if (nodes[j]!.order > nodes[c]!.order && s > floor) score += s - floor;
    });
    return score;
  });
}

type Vector = Map<string, number>;

function tfidf(documents: string[][]): Vector[] {
  const df = new Map<string, number>();
  for (const doc of documents) for (const w of new Set(doc)) df.set(w, (df.get(w) ?? 0) + 1);
  const n = documents.length;
  return documents.map((doc) => {
    const vector: Vector = new Map();
    for (const w of doc) vector.set(w, (vector.get(w) ?? 0) + 1);
    let norm = 0;
    for (const [w, tf] of vector) {
      const weight = tf * Math.log((n + 1) / df.get(w)!);
      vector.set(w, weight);
      norm += weight * weight;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [w, weight] of vector) vector.set(w, weight / norm);
    return vector;
  });
}

function cosine(a: Vector, b: Vector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let sum = 0;
  for (const [w, x] of small) {
    const y = large.get(w);
    if (y !== undefined) sum += x * y;
  }
  return sum;
}
