/**
 * A text embedder. Vectors are L2-normalized, so a dot product is the cosine similarity.
 * Implementations also extend LangChain's `Embeddings` (see `use-embedder.ts`), so they can be handed to
 * LangChain vector stores and retrievers unchanged.
 */
export interface Embedder {
  /** Identifies the model and its version; cache keys include it. */
  readonly modelId: string;
  readonly dimensions: number;
  /** Embeds many texts (batched internally). */
  embedTexts(texts: readonly string[]): Promise<Float32Array[]>;
  embedText(text: string): Promise<Float32Array>;
}

export function l2normalize(vector: ArrayLike<number>): Float32Array {
  const out = Float32Array.from(vector);
  let norm = 0;
  for (let i = 0; i < out.length; i++) norm += out[i]! * out[i]!;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < out.length; i++) out[i]! /= norm;
  return out;
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) s += a[i]! * b[i]!;
  return s;
}

/** Weighted sum of vectors, normalized. Returns undefined when nothing has positive weight. */
export function weightedMean(
  items: readonly { vector: ArrayLike<number>; weight: number }[],
): Float32Array | undefined {
  const first = items[0];
  if (!first) return undefined;
  const out = new Float32Array(first.vector.length);
  let total = 0;
  for (const { vector, weight } of items) {
    if (weight <= 0) continue;
    total += weight;
    for (let i = 0; i < out.length; i++) out[i]! += vector[i]! * weight;
  }
  return total > 0 ? l2normalize(out) : undefined;
}
