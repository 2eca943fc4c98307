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
import { BatchingEmbedder } from './embeddings/batching-embedder.js';
import { UseEmbedder } from './embeddings/use-embedder.js';
import { CachingEmbedder, VectorCache } from './embeddings/vector-cache.js';
import { EmbeddingEmotionReader } from './emotions/embedding-reader.js';
import type { EmotionReader } from './emotions/reader.js';
import { DEFAULT_WEIGHTS_FILE, TrainedEmotionReader } from './emotions/trained/trained-reader.js';
import { existsSync } from 'node:fs';
import { loadAlsModel } from './models/als/index.js';
import { AlsNeighbours } from './recommender/als-neighbours.js';
import { Recommender } from './recommender/recommender.js';
import { DataFileError } from './errors.js';

/** The vector cache shipped with the demo catalog, so a fresh clone does not embed 600 texts on first start. */
export const SHIPPED_VECTOR_CACHE = path.resolve(import.meta.dirname, '../data/catalog-vectors.bin');

/** Files the app keeps under the data directory (also used by `npm run ingest -- load-catalog`). */
export function dataFiles(config: Config): { embeddedIndex: string; vectorCache: string; alsModel: string } {
  return {
    embeddedIndex: path.join(config.dataDir, 'index', 'embedded.bin'),
    vectorCache: path.join(config.dataDir, 'cache', 'vectors.bin'),
    alsModel: path.join(config.dataDir, 'models', 'als.bin'),
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
  /** Listening-data neighbours when an ALS model was trained (`npm run train:als`), else undefined. */
  als: AlsNeighbours | undefined;
  close(): Promise<void>;
}

export interface CoreOptions {
  /** Replace the default embedder (tests, benchmarks). */
  embedder?: Embedder;
  /** Replace the default index (e.g. Qdrant). */
  index?: TrackIndex;
  /** Replace the default emotion reader (e.g. the trained one). */
  reader?: (embedder: Embedder, catalogEmbedder: Embedder) => EmotionReader | Promise<EmotionReader>;
  /** Weights of the trained emotion reader (default: the shipped data/emotion-model/emotion-mlp.bin). */
  emotionWeightsFile?: string;
  /** ALS model file (default `<dataDir>/models/als.bin`; absent → no listening-data neighbours). */
  alsModelFile?: string;
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
  const use = options.embedder ? undefined : new UseEmbedder();
  // Concurrent turns share model calls (see BatchingEmbedder); a single user pays at most 2 ms for it.
  const embedder: Embedder = options.embedder ?? new BatchingEmbedder(use!);
  const warm = use ? use.warmUp() : Promise.resolve();
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
    : await defaultReader(embedder, catalogEmbedder, options.emotionWeightsFile ?? DEFAULT_WEIGHTS_FILE, log);
  // Embeds the vocabulary glosses now (through the cache) rather than on the first message.
  await reader.read('warming up');
  await cache.save();
  log.info({ tracks: tracks.length, indexed: written, index: index.kind, reader: reader.name }, 'core ready');

  const catalog = new Catalog(tracks);
  const als = await loadAls(options.alsModelFile ?? dataFiles(config).alsModel, catalog, log);
  const recommender = new Recommender({ index, embedder, catalog, als }, { logger: log });
  return {
    config,
    logger,
    embedder,
    catalogEmbedder,
    index,
    catalog,
    reader,
    recommender,
    als,
    async close() {
      await cache.save();
      await index.close();
    },
  };
}

/**
 * The trained GoEmotions reader when its weights load; otherwise (missing or corrupt file, other embedder) a
 * warning naming the file and the embedding reader, so the bot still answers.
 */
async function defaultReader(
  embedder: Embedder,
  catalogEmbedder: Embedder,
  weightsFile: string,
  log: Logger,
): Promise<EmotionReader> {
  try {
    return await TrainedEmotionReader.load(embedder, weightsFile, { logger: log });
  } catch (error) {
    log.warn(
      { file: weightsFile, problem: error instanceof Error ? error.message : String(error) },
      `emotion model weights unusable (${weightsFile}); falling back to the embedding emotion reader`,
    );
    return new EmbeddingEmotionReader(embedder, catalogEmbedder);
  }
}

/** The trained ALS model over the catalog, if one exists; a damaged file is reported and ignored. */
async function loadAls(file: string, catalog: Catalog, log: Logger): Promise<AlsNeighbours | undefined> {
  if (!existsSync(file)) return undefined;
  try {
    const als = new AlsNeighbours(await loadAlsModel(file), catalog);
    const linked = catalog.tracks.filter((t) => als.levelFor(t) !== undefined).length;
    log.info(
      { file, kind: als.model.kind, items: als.model.itemIds.length, linkedTracks: linked },
      'ALS model loaded',
    );
    return als;
  } catch (error) {
    log.warn(
      { file, problem: error instanceof Error ? error.message : String(error) },
      'ALS model unusable; similar songs use emotion and theme only',
    );
    return undefined;
  }
}
