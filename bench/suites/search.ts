import { EmbeddedTrackIndex } from '../../core/catalog/embedded-track-index.js';
import type { Suite } from '../harness.js';
import { round, summarize } from '../harness.js';
import { syntheticQueries, syntheticTracks } from '../synthetic.js';

const DIMENSIONS = 512;

/** Embedded exact search, top-10, at growing catalog sizes (guides the move to HNSW). */
export const searchSuite: Suite = {
  name: 'search',
  kind: 'bench',
  description: 'embedded index exact search top-10 at 1k/10k/100k synthetic tracks × 512-d (with and without a filter)',
  async run({ log, args }) {
    const sizes = args.includes('--quick') ? [1_000, 10_000] : [1_000, 10_000, 100_000];
    const queries = syntheticQueries(200, DIMENSIONS);
    const metrics: Record<string, Record<string, number>> = {};
    for (const size of sizes) {
      const index = new EmbeddedTrackIndex();
      await index.open({ emotion: { size: DIMENSIONS } });
      const tracks = syntheticTracks(size, DIMENSIONS);
      for (let i = 0; i < tracks.length; i += 5000) await index.upsert(tracks.slice(i, i + 5000));
      const plain: number[] = [];
      const filtered: number[] = [];
      for (const query of queries) {
        let t0 = performance.now();
        await index.search({ vector: 'emotion', query, limit: 10 });
        plain.push(performance.now() - t0);
        t0 = performance.now();
        await index.search({ vector: 'emotion', query, limit: 10, filter: { languages: ['es'], yearFrom: 1990 } });
        filtered.push(performance.now() - t0);
      }
      const p = summarize(plain);
      const f = summarize(filtered);
      metrics[`${size / 1000}k`] = {
        p50_ms: round(p.p50, 2),
        p95_ms: round(p.p95, 2),
        filtered_p50_ms: round(f.p50, 2),
        filtered_p95_ms: round(f.p95, 2),
      };
      log(`${size} tracks done`);
    }
    return { metrics, notes: { dimensions: DIMENSIONS, queries: queries.length } };
  },
};
