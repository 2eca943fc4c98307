import type { Logger } from 'pino';
import type { Embedder } from '../embeddings/embedder.js';
import { embedWithCache, type VectorCache } from '../embeddings/vector-cache.js';
import type { TrackIndex, VectorSpec } from './track-index.js';
import { emotionTextOf, themeTextOf, type Track } from './track.js';

export function catalogVectorSpec(embedder: Embedder): VectorSpec {
  return { emotion: { size: embedder.dimensions }, lyrics: { size: embedder.dimensions } };
}

const sameTrack = (a: Track, b: Track) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Makes the index hold exactly these tracks' current versions: tracks missing from the index or changed since
 * they were stored are embedded (through the cache: only never-seen texts hit the model) and upserted.
 * Returns how many were written. Idempotent: a second run writes nothing.
 */
export async function syncCatalog(opts: {
  index: TrackIndex;
  tracks: readonly Track[];
  embedder: Embedder;
  cache: VectorCache;
  batchSize?: number;
  logger?: Logger;
  onProgress?: (done: number, total: number) => void;
  /** Re-upsert every track even when the index already has it (e.g. after a vector change). */
  force?: boolean;
}): Promise<number> {
  const { index, tracks, embedder, cache, batchSize = 128 } = opts;
  const stale: Track[] = [];
  for (let i = 0; i < tracks.length; i += 500) {
    const slice = tracks.slice(i, i + 500);
    const stored = new Map((await index.get(slice.map((t) => t.id))).map((h) => [h.track.id, h.track]));
    for (const track of slice) {
      const current = stored.get(track.id);
      if (opts.force || !current || !sameTrack(current, track)) stale.push(track);
    }
  }
  if (stale.length === 0) return 0;
  opts.logger?.info({ stale: stale.length, total: tracks.length }, 'indexing catalog tracks');
  for (let i = 0; i < stale.length; i += batchSize) {
    const batch = stale.slice(i, i + batchSize);
    const emotion = await embedWithCache(embedder, cache, batch.map(emotionTextOf));
    const lyrics = await embedWithCache(embedder, cache, batch.map(themeTextOf));
    await index.upsert(
      batch.map((track, j) => ({ track, vectors: { emotion: emotion[j]!, lyrics: lyrics[j]! } })),
    );
    opts.onProgress?.(Math.min(i + batchSize, stale.length), stale.length);
  }
  await cache.save();
  return stale.length;
}
