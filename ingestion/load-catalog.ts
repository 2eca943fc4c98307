/**
 * `npm run ingest -- load-catalog [--file <catalog.jsonl>] [--batch-size 128] [--force]`: embeds a catalog file
 * and upserts it into the configured index (Qdrant when QDRANT_URL is set, else the embedded index). Idempotent:
 * unchanged tracks are skipped and point ids are derived from track ids. Invalid lines are reported by number and
 * the rest is loaded.
 */
import { readFile } from 'node:fs/promises';
import cliProgress from 'cli-progress';
import type { Logger } from 'pino';
import { parseCatalog } from '../core/catalog/catalog-loader.js';
import { EmbeddedTrackIndex } from '../core/catalog/embedded-track-index.js';
import { QdrantTrackIndex } from '../core/catalog/qdrant-track-index.js';
import { catalogVectorSpec, syncCatalog } from '../core/catalog/sync.js';
import type { TrackIndex } from '../core/catalog/track-index.js';
import { loadConfig, secretValues, type Config } from '../core/config/index.js';
import type { Embedder } from '../core/embeddings/embedder.js';
import { UseEmbedder } from '../core/embeddings/use-embedder.js';
import { VectorCache } from '../core/embeddings/vector-cache.js';
import { DataFileError } from '../core/errors.js';
import { createLogger } from '../core/logger.js';
import { dataFiles, SHIPPED_VECTOR_CACHE } from '../core/runtime.js';
import type { Step } from './steps.js';

export interface LoadSummary {
  file: string;
  /** Valid tracks in the file. */
  tracks: number;
  /** Tracks embedded and upserted (new or changed). */
  written: number;
  /** Valid tracks already up to date in the index. */
  unchanged: number;
  rejected: { line: number; message: string }[];
  seconds: number;
  /** Valid tracks per second over the whole run, embedding and index writes included. */
  tracksPerSecond: number;
}

/** Loads one catalog file into an index (opened here with the embedder's vector spec). */
export async function loadCatalogFile(opts: {
  file: string;
  index: TrackIndex;
  embedder: Embedder;
  cache: VectorCache;
  batchSize?: number;
  force?: boolean;
  logger?: Logger;
  onProgress?: (done: number, total: number) => void;
}): Promise<LoadSummary> {
  const started = performance.now();
  let text: string;
  try {
    text = await readFile(opts.file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new DataFileError(opts.file, [{ message: `cannot read the catalog (${code})` }], { cause: error });
  }
  const { tracks, rejected } = parseCatalog(text, opts.file, { lenient: true });
  if (tracks.length === 0) {
    throw new DataFileError(opts.file, rejected.length > 0 ? rejected : [{ message: 'no tracks found' }]);
  }
  await opts.index.open(catalogVectorSpec(opts.embedder));
  const written = await syncCatalog({
    index: opts.index,
    tracks,
    embedder: opts.embedder,
    cache: opts.cache,
    ...(opts.batchSize ? { batchSize: opts.batchSize } : {}),
    ...(opts.force ? { force: true } : {}),
    ...(opts.logger ? { logger: opts.logger } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
  });
  if (opts.index instanceof EmbeddedTrackIndex) await opts.index.flush();
  const seconds = (performance.now() - started) / 1000;
  return {
    file: opts.file,
    tracks: tracks.length,
    written,
    unchanged: tracks.length - written,
    rejected,
    seconds,
    tracksPerSecond: tracks.length / Math.max(seconds, 1e-9),
  };
}

/** The one-paragraph report printed at the end of a load. */
export function formatSummary(summary: LoadSummary, target: string): string {
  const lines = [
    `${summary.file} → ${target}: ${summary.tracks} valid tracks, ${summary.written} written, ` +
      `${summary.unchanged} already up to date, ${summary.rejected.length} rejected line(s); ` +
      `${summary.seconds.toFixed(1)} s (${summary.tracksPerSecond.toFixed(1)} tracks/s).`,
  ];
  const shown = summary.rejected.slice(0, 20);
  for (const r of shown) lines.push(`  line ${r.line}: ${r.message}`);
  if (summary.rejected.length > shown.length)
    lines.push(`  … and ${summary.rejected.length - shown.length} more`);
  return lines.join('\n');
}

/** The index the app is configured with, opened by the caller. */
export function configuredIndex(config: Config, logger: Logger): { index: TrackIndex; target: string } {
  if (config.qdrant.url) {
    const index = new QdrantTrackIndex(
      { url: config.qdrant.url, apiKey: config.qdrant.apiKey, collection: config.qdrant.collection },
      logger,
    );
    return { index, target: `Qdrant collection "${config.qdrant.collection}" at ${index.address}` };
  }
  const file = dataFiles(config).embeddedIndex;
  return { index: new EmbeddedTrackIndex(file), target: `embedded index ${file}` };
}

const USAGE = 'usage: npm run ingest -- load-catalog [--file <catalog.jsonl>] [--batch-size 128] [--force]';

async function run(values: Record<string, string | boolean | undefined>): Promise<number> {
  const batchRaw = values['batch-size'];
  const batchSize = batchRaw === undefined ? undefined : Number(batchRaw);
  if (batchSize !== undefined && (!Number.isInteger(batchSize) || batchSize < 1)) {
    console.error(`--batch-size must be a whole number ≥ 1 (got "${String(batchRaw)}")\n${USAGE}`);
    return 2;
  }
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel ?? 'warn', secrets: secretValues(config) });
  const file = typeof values.file === 'string' ? values.file : config.catalogPath;
  const embedder = new UseEmbedder();
  const cache = new VectorCache(dataFiles(config).vectorCache, embedder.modelId, embedder.dimensions, logger);
  await cache.load(SHIPPED_VECTOR_CACHE);
  const { index, target } = configuredIndex(config, logger);
  const bar = new cliProgress.SingleBar(
    {
      format: 'embedding + upserting [{bar}] {value}/{total} tracks | {eta_formatted} left',
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  try {
    const summary = await loadCatalogFile({
      file,
      index,
      embedder,
      cache,
      logger,
      ...(batchSize ? { batchSize } : {}),
      ...(values.force === true ? { force: true } : {}),
      onProgress: (done, total) => {
        if (!started) bar.start(total, 0);
        started = true;
        bar.update(done);
      },
    });
    if (started) bar.stop();
    started = false;
    console.log(formatSummary(summary, target));
    // Partial loads are loaded, but scripts should notice them.
    return summary.rejected.length > 0 ? 1 : 0;
  } finally {
    if (started) bar.stop();
    await index.close();
  }
}

export const loadCatalogStep: Step = {
  name: 'load-catalog',
  description: 'embed a catalog file and upsert it into the configured index (Qdrant or embedded)',
  options: {
    file: { type: 'string' },
    'batch-size': { type: 'string' },
    force: { type: 'boolean' },
  },
  run,
};
