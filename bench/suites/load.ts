import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { EmbeddedTrackIndex } from '../../core/catalog/embedded-track-index.js';
import { UseEmbedder } from '../../core/embeddings/use-embedder.js';
import { VectorCache } from '../../core/embeddings/vector-cache.js';
import { loadCatalogFile } from '../../ingestion/load-catalog.js';
import type { Suite } from '../harness.js';
import { round } from '../harness.js';

/**
 * `load-catalog` throughput into the embedded index with an empty vector cache (every text embedded by USE on
 * this machine), then the idempotent re-load. `--file=<catalog.jsonl>` picks another catalog.
 */
export const loadSuite: Suite = {
  name: 'load',
  kind: 'bench',
  description:
    'load-catalog tracks/s into the embedded index, embedding included (empty cache), and the no-op re-load',
  async run({ root, args, log }) {
    const fileArg = args.find((a) => a.startsWith('--file='));
    const file = fileArg
      ? path.resolve(fileArg.slice('--file='.length))
      : path.join(root, 'data', 'catalog.jsonl');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'moodtune-bench-load-'));
    try {
      const embedder = new UseEmbedder();
      // Model loading is a one-off start-up cost, not per-track work: measured apart.
      const t0 = performance.now();
      await embedder.warmUp();
      const modelSeconds = (performance.now() - t0) / 1000;
      const cache = new VectorCache(path.join(dir, 'vectors.bin'), embedder.modelId, embedder.dimensions);
      const index = new EmbeddedTrackIndex(path.join(dir, 'embedded.bin'));
      const first = await loadCatalogFile({ file, index, embedder, cache });
      log(`first load: ${first.tracks} tracks in ${first.seconds.toFixed(1)} s`);
      const second = await loadCatalogFile({
        file,
        index: new EmbeddedTrackIndex(path.join(dir, 'embedded.bin')),
        embedder,
        cache,
      });
      return {
        metrics: {
          'first load (empty cache)': {
            tracks: first.tracks,
            written: first.written,
            seconds: round(first.seconds, 2),
            tracks_per_s: round(first.tracksPerSecond, 1),
          },
          're-load (unchanged)': {
            tracks: second.tracks,
            written: second.written,
            seconds: round(second.seconds, 2),
            tracks_per_s: round(second.tracksPerSecond, 1),
          },
        },
        notes: {
          file: path.relative(root, file),
          modelLoadSeconds: round(modelSeconds, 2),
          texts: first.tracks * 2,
        },
      };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
