import type { ParseArgsConfig } from 'node:util';
import { buildVectorCacheStep } from './build-vector-cache.js';
import { loadCatalogStep } from './load-catalog.js';
import { trainAlsStep } from './train-als.js';
import { trainEmotionsStep } from './train-emotions.js';

/** One batch job of `npm run ingest`. `run` returns the process exit code. */
export interface Step {
  name: string;
  description: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<number>;
}

/** Every ingestion step, explicitly listed. */
export const STEPS: Step[] = [buildVectorCacheStep, loadCatalogStep, trainAlsStep, trainEmotionsStep];
