/**
 * `npm run train:als -- --interactions <file> [options]`: trains implicit ALS on a user–item log and writes the
 * model (default `<dataDir>/models/als.bin`). Items are artists for HetRec's user_artists.dat, tracks otherwise,
 * unless `--item-kind` says so.
 */
import { access } from 'node:fs/promises';
import path from 'node:path';
import cliProgress from 'cli-progress';
import { loadConfig } from '../core/config/index.js';
import { isHetrecUserArtists, loadInteractions, loadItemNames } from '../core/interactions/loader.js';
import { kCore } from '../core/interactions/split.js';
import {
  DEFAULT_ALS_PARAMS,
  alsModelFromFactors,
  saveAlsModel,
  trainAls,
  type AlsParams,
  type ItemKind,
} from '../core/models/als/index.js';
import type { Step } from './steps.js';

const USAGE = `usage: npm run train:als -- --interactions <file> [--factors 64] [--iterations 15] [--alpha 1]
  [--reg 10] [--confidence log|linear] [--epsilon 1] [--cg-steps 3] [--threads N] [--seed 42]
  [--item-kind artist|track] [--item-names <file>] [--min-interactions 1] [--out <file>]`;

type Values = Record<string, string | boolean | undefined>;

function numberOption(
  values: Values,
  name: string,
  fallback: number,
  problems: string[],
  integer = false,
): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (
    typeof raw !== 'string' ||
    raw.trim() === '' ||
    !Number.isFinite(value) ||
    (integer && !Number.isInteger(value))
  ) {
    problems.push(`--${name} must be ${integer ? 'a whole number' : 'a number'} (got "${String(raw)}")`);
    return fallback;
  }
  return value;
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

/** HetRec ships artist names next to user_artists.dat; use them when present so neighbours are readable. */
async function defaultNamesFile(interactions: string): Promise<string | undefined> {
  if (!isHetrecUserArtists(interactions)) return undefined;
  for (const name of ['artists.dat.gz', 'artists.dat']) {
    const candidate = path.join(path.dirname(interactions), name);
    if (await exists(candidate)) return candidate;
  }
  return undefined;
}

async function run(values: Values): Promise<number> {
  const file = values.interactions;
  if (typeof file !== 'string' || file === '') {
    console.error(`--interactions <file> is required.\n${USAGE}`);
    return 2;
  }
  const problems: string[] = [];
  const params: AlsParams = {
    factors: numberOption(values, 'factors', DEFAULT_ALS_PARAMS.factors, problems, true),
    iterations: numberOption(values, 'iterations', DEFAULT_ALS_PARAMS.iterations, problems, true),
    alpha: numberOption(values, 'alpha', DEFAULT_ALS_PARAMS.alpha, problems),
    reg: numberOption(values, 'reg', DEFAULT_ALS_PARAMS.reg, problems),
    epsilon: numberOption(values, 'epsilon', DEFAULT_ALS_PARAMS.epsilon, problems),
    cgSteps: numberOption(values, 'cg-steps', DEFAULT_ALS_PARAMS.cgSteps, problems, true),
    threads: numberOption(values, 'threads', DEFAULT_ALS_PARAMS.threads, problems, true),
    seed: numberOption(values, 'seed', DEFAULT_ALS_PARAMS.seed, problems, true),
    confidence: DEFAULT_ALS_PARAMS.confidence,
  };
  const confidence = values.confidence ?? DEFAULT_ALS_PARAMS.confidence;
  if (confidence === 'log' || confidence === 'linear') params.confidence = confidence;
  else problems.push(`--confidence must be log or linear (got "${String(confidence)}")`);
  const kindOption = values['item-kind'];
  if (kindOption !== undefined && kindOption !== 'artist' && kindOption !== 'track') {
    problems.push(`--item-kind must be artist or track (got "${String(kindOption)}")`);
  }
  const minInteractions = numberOption(values, 'min-interactions', 1, problems, true);
  if (problems.length > 0) {
    console.error(`${problems.join('\n')}\n${USAGE}`);
    return 2;
  }
  const kind: ItemKind =
    kindOption === 'artist' || kindOption === 'track'
      ? kindOption
      : isHetrecUserArtists(file)
        ? 'artist'
        : 'track';
  const config = loadConfig();
  const out =
    typeof values.out === 'string'
      ? path.resolve(values.out)
      : path.join(config.dataDir, 'models', 'als.bin');

  const log = await loadInteractions(file);
  const { stats } = log;
  console.log(
    `${file}: ${stats.rows} rows → ${log.userIds.length} users × ${log.itemIds.length} ${kind}s, ` +
      `${log.matrix.indices.length} interactions (${log.format})`,
  );
  if (stats.duplicatesSummed > 0)
    console.log(`  ${stats.duplicatesSummed} duplicate (user, item) rows were summed`);
  if (stats.zeroWeightSkipped > 0)
    console.log(`  ${stats.zeroWeightSkipped} rows with weight 0 were skipped`);
  if (stats.usersWithOneInteraction > 0 || stats.itemsWithOneInteraction > 0) {
    console.log(
      `  warning: ${stats.usersWithOneInteraction} users and ${stats.itemsWithOneInteraction} items have a single ` +
        `interaction; their factors rest on one data point${minInteractions < 2 ? ' (--min-interactions 2 drops them)' : ''}`,
    );
  }

  let matrix = log.matrix;
  let userIds = log.userIds;
  let itemIds = log.itemIds;
  if (minInteractions > 1) {
    const core = kCore(log.matrix, minInteractions);
    if (core.matrix.indices.length === 0) {
      console.error(`Nothing is left after keeping users and items with ≥ ${minInteractions} interactions.`);
      return 1;
    }
    matrix = core.matrix;
    userIds = Array.from(core.users, (u) => log.userIds[u]!);
    itemIds = Array.from(core.items, (i) => log.itemIds[i]!);
    console.log(
      `  ${minInteractions}-core: ${userIds.length} users × ${itemIds.length} items, ${matrix.indices.length} interactions`,
    );
  }

  const namesFile =
    typeof values['item-names'] === 'string' ? values['item-names'] : await defaultNamesFile(file);
  let itemNames: (string | null)[] | undefined;
  if (namesFile) {
    const names = await loadItemNames(namesFile);
    itemNames = itemIds.map((id) => names.get(id) ?? null);
    const known = itemNames.filter((n) => n !== null).length;
    console.log(`  item names from ${namesFile}: ${known} of ${itemIds.length} items named`);
  }

  const bar = new cliProgress.SingleBar(
    { format: 'ALS {bar} {value}/{total} iterations | {seconds}s/iter | ETA {eta}s', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(params.iterations, 0, { seconds: '-' });
  const started = performance.now();
  let trained;
  try {
    trained = await trainAls(matrix, params, {
      onIteration: ({ iteration, seconds }) => bar.update(iteration, { seconds: seconds.toFixed(2) }),
    });
  } finally {
    bar.stop();
  }
  const model = alsModelFromFactors(trained, { kind, userIds, itemIds, itemNames });
  await saveAlsModel(model, out);
  console.log(
    `trained ${params.factors} factors × ${params.iterations} iterations in ${((performance.now() - started) / 1000).toFixed(1)}s ` +
      `(${params.threads} threads); wrote ${out}`,
  );
  return 0;
}

export const trainAlsStep: Step = {
  name: 'train-als',
  description: 'train implicit ALS on a user,item,weight log (CSV/TSV/gzip or HetRec user_artists.dat)',
  options: {
    interactions: { type: 'string' },
    out: { type: 'string' },
    factors: { type: 'string' },
    iterations: { type: 'string' },
    alpha: { type: 'string' },
    reg: { type: 'string' },
    confidence: { type: 'string' },
    epsilon: { type: 'string' },
    'cg-steps': { type: 'string' },
    threads: { type: 'string' },
    seed: { type: 'string' },
    'item-kind': { type: 'string' },
    'item-names': { type: 'string' },
    'min-interactions': { type: 'string' },
  },
  run: (values) => run(values),
};
