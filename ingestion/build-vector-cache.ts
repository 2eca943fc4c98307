import { loadCatalog } from '../core/catalog/catalog-loader.js';
import { emotionTextOf, themeTextOf } from '../core/catalog/track.js';
import { loadConfig } from '../core/config/index.js';
import { UseEmbedder } from '../core/embeddings/use-embedder.js';
import { embedWithCache, VectorCache } from '../core/embeddings/vector-cache.js';
import { vocabularyGlosses } from '../core/emotions/embedding-reader.js';
import { SHIPPED_VECTOR_CACHE } from '../core/runtime.js';
import type { Step } from './steps.js';

/**
 * Rebuilds `data/catalog-vectors.bin`: the vectors of every catalog text (emotion lists, summaries) and the
 * vocabulary glosses, so a fresh clone starts without embedding ~1,300 texts. Run it after editing the catalog.
 */
export const buildVectorCacheStep: Step = {
  name: 'build-vector-cache',
  description:
    'embed the demo catalog and vocabulary into data/catalog-vectors.bin (run after editing the catalog)',
  options: { file: { type: 'string' }, out: { type: 'string' } },
  async run(values) {
    const config = loadConfig();
    const file = typeof values.file === 'string' ? values.file : config.catalogPath;
    const out = typeof values.out === 'string' ? values.out : SHIPPED_VECTOR_CACHE;
    const { tracks } = await loadCatalog(file);
    const embedder = new UseEmbedder();
    const cache = new VectorCache(out, embedder.modelId, embedder.dimensions);
    await cache.load();
    const texts = [
      ...new Set([...tracks.map(emotionTextOf), ...tracks.map(themeTextOf), ...vocabularyGlosses()]),
    ];
    cache.retainOnly(texts);
    const started = Date.now();
    await embedWithCache(embedder, cache, texts, (done, total) =>
      process.stderr.write(`\rembedding ${done}/${total}`),
    );
    await cache.save();
    process.stderr.write('\n');
    console.log(
      `${out}: ${cache.size} vectors for ${tracks.length} tracks (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
    return 0;
  },
};
