import { randomUUID } from 'node:crypto';
import { EmbeddedTrackIndex } from '../../core/catalog/embedded-track-index.js';
import { QdrantTrackIndex } from '../../core/catalog/qdrant-track-index.js';
import type { TrackFilter } from '../../core/catalog/track-index.js';
import { loadConfig } from '../../core/config/index.js';
import type { Suite } from '../harness.js';
import { round, summarize } from '../harness.js';
import { syntheticQueries, syntheticTracks } from '../synthetic.js';

/** Same data, queries and filter as the embedded `search` suite, so the two tables compare directly. */
const DIMENSIONS = 512;
const FILTER: TrackFilter = { languages: ['es'], yearFrom: 1990 };

function recallAt10(truth: readonly string[], got: readonly string[]): number {
  if (truth.length === 0) return 1;
  const wanted = new Set(truth);
  return got.filter((id) => wanted.has(id)).length / truth.length;
}

/**
 * Qdrant top-10 latency (p50/p95, HTTP round trip included) and recall@10 against exact search, at the sizes of
 * the embedded `search` suite. Needs QDRANT_URL; writes into a throw-away collection that it deletes.
 */
export const qdrantSuite: Suite = {
  name: 'qdrant',
  kind: 'bench',
  description:
    'Qdrant top-10 p50/p95 and recall@10 vs exact search on the embedded suite’s synthetic data (needs QDRANT_URL)',
  async run({ log, args }) {
    const config = loadConfig();
    if (!config.qdrant.url)
      return { skipped: 'QDRANT_URL is not set (start one with `docker compose up qdrant`)' };
    const sizeArg = args.find((a) => a.startsWith('--tracks='));
    const sizes = sizeArg
      ? [Number(sizeArg.slice('--tracks='.length))]
      : args.includes('--quick')
        ? [1_000, 10_000]
        : [1_000, 10_000, 100_000];
    const queries = syntheticQueries(200, DIMENSIONS);
    const metrics: Record<string, Record<string, number>> = {};
    for (const size of sizes) {
      const tracks = syntheticTracks(size, DIMENSIONS);
      const exact = new EmbeddedTrackIndex();
      await exact.open({ emotion: { size: DIMENSIONS } });
      await exact.upsert(tracks);
      const qdrant = new QdrantTrackIndex({
        url: config.qdrant.url,
        apiKey: config.qdrant.apiKey,
        collection: `moodtune_bench_${randomUUID().slice(0, 8)}`,
        timeoutMs: 60_000,
      });
      try {
        await qdrant.open({ emotion: { size: DIMENSIONS } });
        const t0 = performance.now();
        await qdrant.upsert(tracks);
        const upsertSeconds = (performance.now() - t0) / 1000;
        const plain: number[] = [];
        const filtered: number[] = [];
        let recall = 0;
        let filteredRecall = 0;
        for (const query of queries) {
          for (const [filter, samples] of [
            [undefined, plain],
            [FILTER, filtered],
          ] as const) {
            const truth = (
              await exact.search({ vector: 'emotion', query, limit: 10, ...(filter ? { filter } : {}) })
            ).map((h) => h.track.id);
            const start = performance.now();
            const hits = await qdrant.search({
              vector: 'emotion',
              query,
              limit: 10,
              ...(filter ? { filter } : {}),
            });
            samples.push(performance.now() - start);
            const r = recallAt10(
              truth,
              hits.map((h) => h.track.id),
            );
            if (filter) filteredRecall += r;
            else recall += r;
          }
        }
        const p = summarize(plain);
        const f = summarize(filtered);
        metrics[`${size / 1000}k`] = {
          p50_ms: round(p.p50, 2),
          p95_ms: round(p.p95, 2),
          recall_at_10: round(recall / queries.length, 4),
          filtered_p50_ms: round(f.p50, 2),
          filtered_p95_ms: round(f.p95, 2),
          filtered_recall_at_10: round(filteredRecall / queries.length, 4),
          upsert_tracks_per_s: round(size / upsertSeconds, 1),
        };
        log(`${size} tracks done`);
      } finally {
        await qdrant.drop().catch(() => undefined);
      }
    }
    return {
      metrics,
      notes: {
        dimensions: DIMENSIONS,
        queries: queries.length,
        filter: FILTER,
        qdrant: new URL(config.qdrant.url).origin,
      },
    };
  },
};
