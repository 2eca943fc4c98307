import path from 'node:path';
import type { Logger } from 'pino';
import { Catalog } from './catalog/catalog.js';
import { loadCatalog } from './catalog/catalog-loader.js';
import { DeferredTrackIndex } from './catalog/deferred-track-index.js';
import { EmbeddedTrackIndex } from './catalog/embedded-track-index.js';
import { createQdrantIndex } from './catalog/qdrant-track-index.js';
import { catalogVectorSpec, syncCatalog } from './catalog/sync.js';
import type { TrackIndex } from './catalog/track-index.js';
import type { Config } from './config/index.js';
import type { Embedder } from './embeddings/embedder.js';
import { UseEmbedder } from './embeddings/use-embedder.js';
import { CachingEmbedder, VectorCache } from './embeddings/vector-cache.js';
import { EmbeddingEmotionReader } from './emotions/embedding-reader.js';
import type { EmotionReader } from './emotions/reader.js';
import { Recommender } from './recommender/recommender.js';
import { DataFileError } from './errors.js';

/** The vector cache shipped with the demo catalog, so a fresh clone does not embed 600 texts on first start. */
export const SHIPPED_VECTOR_CACHE = path.resolve(import.meta.dirname, '../data/catalog-vectors.bin');

/** Files the app keeps under the data directory (also used by `npm run ingest -- load-catalog`). */
export function dataFiles(config: Config): { embeddedIndex: string; vectorCache: string } {
  return {
    embeddedIndex: path.join(config.dataDir, 'index', 'embedded.bin'),
    vectorCache: path.join(config.dataDir, 'cache', 'vectors.bin'),
  };
}

/** Everything below the agents: built once by an entry point and passed down. */
export interface CoreServices {
  config: Config;
  logger: Logger;
  /** Query embedder (user messages; never cached on disk). */
  embedder: Embedder;
  /** Catalog/vocabulary embedder (cached on disk). */
  catalogEmbedder: CachingEmbedder;
  index: TrackIndex;
  catalog: Catalog;
  reader: EmotionReader;
  recommender: Recommender;
  close(): Promise<void>;
}

export interface CoreOptions {
  /** Replace the default embedder (tests, benchmarks). */
  embedder?: Embedder;
  /** Replace the default index (e.g. Qdrant). */
  index?: TrackIndex;
  /** Replace the default emotion reader (e.g. the trained one). */
  reader?: (embedder: Embedder, catalogEmbedder: Embedder) => EmotionReader | Promise<EmotionReader>;
}

/**
 * Loads the catalog, opens the index (embedded by default), makes sure the index holds the catalog (embedding
 * only what changed), and builds the reader and recommender. Fails clearly (DataFileError) on a bad catalog.
 */
export async function createCore(
  config: Config,
  logger: Logger,
  options: CoreOptions = {},
): Promise<CoreServices> {
  const log = logger.child({ component: 'core.runtime' });
  const embedder = options.embedder ?? new UseEmbedder();
  const warm = embedder instanceof UseEmbedder ? embedder.warmUp() : Promise.resolve();
  const { tracks } = await loadCatalog(config.catalogPath);
  const cache = new VectorCache(dataFiles(config).vectorCache, embedder.modelId, embedder.dimensions, log);
  await cache.load(SHIPPED_VECTOR_CACHE);
  const catalogEmbedder = new CachingEmbedder(embedder, cache);

  const sync = (target: TrackIndex) => syncCatalog({ index: target, tracks, embedder, cache, logger: log });
  const qdrantUrl = config.qdrant.url;
  const index =
    options.index ??
    (qdrantUrl
      ? // Qdrant may be down at start-up: the wrapper syncs once it answers, and search says it is unavailable
        // until then instead of the bot failing to start.
        createQdrantIndex(
          { ...config.qdrant, url: qdrantUrl },
          log,
          async (inner) => void (await sync(inner)),
        )
      : new EmbeddedTrackIndex(dataFiles(config).embeddedIndex));
  try {
    await index.open(catalogVectorSpec(embedder));
  } catch (error) {
    if (!(error instanceof DataFileError)) throw error;
    log.warn({ err: error }, 'index file unusable; rebuilding it from the catalog');
  }
  await warm;
  const written = index instanceof DeferredTrackIndex ? 0 : await sync(index);
  if (index instanceof EmbeddedTrackIndex) await index.flush();
  const reader = options.reader
    ? await options.reader(embedder, catalogEmbedder)
    : new EmbeddingEmotionReader(embedder, catalogEmbedder);
  // Embeds the vocabulary glosses now (through the cache) rather than on the first message.
  await reader.read('warming up');
  await cache.save();
  log.info({ tracks: tracks.length, indexed: written, index: index.kind, reader: reader.name }, 'core ready');

  const catalog = new Catalog(tracks);
  const recommender = new Recommender({ index, embedder, catalog }, { logger: log });
  return {
    config,
    logger,
    embedder,
    catalogEmbedder,
    index,
    catalog,
    reader,
    recommender,
    async close() {
      await cache.save();
      await index.close();
    },
  };
}
