/**
 * `npm run bench -- als`: ALS training seconds per iteration at 32/64/128 factors with 1 and 2 worker
 * threads, on HetRec Last.fm 2k (when present) and on a synthetic power-law matrix of 1M interactions
 * (50k users × 100k items); peak RSS; and similarItems / foldInUser latency on the 100k-item model.
 */
import { access } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Metrics, Suite, SuiteContext } from '../harness.js';
import { peakRssMb, round, summarize } from '../harness.js';
import { loadInteractions } from '../../core/interactions/loader.js';
import { csrFromCoo, type CsrMatrix } from '../../core/interactions/matrix.js';
import { seededRandom } from '../../core/util/random.js';
import { alsModelFromFactors, trainAls, type AlsFactors } from '../../core/models/als/index.js';

const HETREC = 'lastfm_hetrec2011_2k/user_artists.dat.gz';
const FACTORS = [32, 64, 128];
const THREADS = [1, 2];

/** Index drawn with probability ∝ 1/(rank+1)^s, by binary search on the cumulative weights. */
function zipfSampler(n: number, s: number, random: () => number): () => number {
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) cumulative[i] = total += 1 / Math.pow(i + 1, s);
  return () => {
    const x = random() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/**
 * Exactly `nnz` distinct (user, item) pairs: item popularity Zipf(0.8), user activity Zipf(0.5), play counts
 * geometric-ish (mean ≈ 6), like a scrobble log. Seeded.
 */
export function syntheticPowerLaw(users: number, items: number, nnz: number, seed: number): CsrMatrix {
  const random = seededRandom(seed);
  const item = zipfSampler(items, 0.8, random);
  const user = zipfSampler(users, 0.5, random);
  const seen = new Set<number>();
  const rows = new Int32Array(nnz);
  const cols = new Int32Array(nnz);
  const vals = new Float32Array(nnz);
  let k = 0;
  while (k < nnz) {
    const u = user();
    const i = item();
    const key = u * items + i;
    if (seen.has(key)) continue;
    seen.add(key);
    rows[k] = u;
    cols[k] = i;
    vals[k] = 1 + Math.floor(-Math.log(1 - random()) * 5);
    k++;
  }
  return csrFromCoo(users, items, rows, cols, vals);
}

async function timeTraining(matrix: CsrMatrix, factors: number, threads: number, iterations: number) {
  const times: number[] = [];
  const trained = await trainAls(
    matrix,
    { factors, threads, iterations },
    { onIteration: (i) => times.push(i.seconds) },
  );
  // The first iteration also pays for JIT warm-up of the kernels in fresh workers.
  const steady = times.length > 1 ? times.slice(1) : times;
  return { trained, sPerIter: steady.reduce((a, b) => a + b, 0) / steady.length, times };
}

function option(args: string[], name: string, fallback: number): number {
  const at = args.indexOf(`--${name}`);
  const value = at === -1 ? Number.NaN : Number(args[at + 1]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

async function run(ctx: SuiteContext) {
  const iterations = option(ctx.args, 'iterations', 3);
  const metrics: Metrics = {};
  const notes: Record<string, unknown> = {
    iterations,
    timing:
      's_per_iter = mean wall time of iterations 2…n (iteration 1 includes JIT warm-up); worker start-up excluded',
    rss: 'peak_rss_mb is the process peak so far (ru_maxrss, all threads), so it only grows down the table',
    // Timings on a shared machine mean little without the load they were taken under.
    loadAverageAtStart: os.loadavg().map((l) => round(l, 2)),
  };
  const datasets: { name: string; matrix: CsrMatrix }[] = [];
  const hetrec = path.join(ctx.sharedData, HETREC);
  try {
    await access(hetrec);
    datasets.push({ name: 'hetrec', matrix: (await loadInteractions(hetrec)).matrix });
  } catch {
    notes.hetrec = `skipped: ${hetrec} is absent`;
    ctx.log(`HetRec rows skipped: ${hetrec} is absent`);
  }
  const t0 = performance.now();
  const synthetic = syntheticPowerLaw(50_000, 100_000, 1_000_000, 7);
  ctx.log(
    `synthetic 50k × 100k, ${synthetic.indices.length} interactions built in ${((performance.now() - t0) / 1000).toFixed(1)}s`,
  );
  datasets.push({ name: 'synthetic-1m', matrix: synthetic });
  notes.datasets = datasets.map((d) => ({
    name: d.name,
    users: d.matrix.rows,
    items: d.matrix.cols,
    interactions: d.matrix.indices.length,
  }));

  let forLookup: AlsFactors | undefined;
  for (const { name, matrix } of datasets) {
    for (const factors of FACTORS) {
      for (const threads of THREADS) {
        const { trained, sPerIter, times } = await timeTraining(matrix, factors, threads, iterations);
        const row = `${name}-f${factors}-t${threads}`;
        metrics[row] = { s_per_iter: round(sPerIter, 3), peak_rss_mb: round(peakRssMb(), 0) };
        ctx.log(
          `${row}: ${sPerIter.toFixed(3)} s/iter (iterations: ${times.map((t) => t.toFixed(2)).join(', ')})`,
        );
        if (name === 'synthetic-1m' && factors === 64 && threads === 2) forLookup = trained;
      }
    }
  }

  if (forLookup) {
    const model = alsModelFromFactors(forLookup, {
      kind: 'track',
      userIds: Array.from({ length: forLookup.nUsers }, (_, u) => `u${u}`),
      itemIds: Array.from({ length: forLookup.nItems }, (_, i) => `t${i}`),
    });
    const random = seededRandom(99);
    model.similarItems('t0', 10); // builds the unit-norm copy once, as a long-lived process would
    const samples: number[] = [];
    for (let q = 0; q < 300; q++) {
      const id = `t${Math.floor(random() * model.itemIds.length)}`;
      const start = performance.now();
      model.similarItems(id, 10);
      samples.push(performance.now() - start);
    }
    const lookup = summarize(samples.slice(20));
    metrics['similar-items-100k-f64'] = { p50_ms: round(lookup.p50, 3), p95_ms: round(lookup.p95, 3) };
    const history = Array.from({ length: 20 }, (_, k) => ({ itemId: `t${k * 37}`, weight: 1 + k }));
    model.foldInUser(history); // computes YᵀY once
    const foldSamples: number[] = [];
    for (let q = 0; q < 100; q++) {
      const start = performance.now();
      model.recommendForUser(model.foldInUser(history), 10);
      foldSamples.push(performance.now() - start);
    }
    const fold = summarize(foldSamples);
    metrics['fold-in+recommend-100k-f64'] = { p50_ms: round(fold.p50, 3), p95_ms: round(fold.p95, 3) };
    ctx.log(
      `similarItems p50 ${lookup.p50.toFixed(2)} ms p95 ${lookup.p95.toFixed(2)} ms; fold-in+recommend p95 ${fold.p95.toFixed(2)} ms`,
    );
    notes.lookup =
      '300 similarItems(k=10) queries on random items (first 20 dropped as warm-up), 100 fold-ins of a 20-item history + recommendForUser(k=10)';
  }
  notes.peakRssMb = round(peakRssMb(), 0);
  notes.loadAverageAtEnd = os.loadavg().map((l) => round(l, 2));
  return { metrics, notes };
}

export const alsBenchSuite: Suite = {
  name: 'als',
  kind: 'bench',
  results: 'als-bench',
  description:
    'ALS s/iteration at 32/64/128 factors × 1/2 threads (HetRec, synthetic 1M), RSS, neighbour latency',
  run,
};
