import os from 'node:os';
import { AppError } from '../../errors.js';
import { transposeCsr, type CsrMatrix } from '../../interactions/matrix.js';
import { seededRandom } from '../../util/random.js';
import {
  choleskyFactor,
  cholBufferLength,
  confidenceMinusOne,
  balancedRanges,
  gramBlock,
  gramBlockCount,
  reduceGram,
  rowScratch,
  solveRows,
  whitenRows,
  type ConfidenceMode,
} from './kernel.js';
import { WorkerPool } from './worker-pool.js';
import type { WorkerInit, WorkerTask } from './worker-protocol.js';

export interface AlsParams {
  factors: number;
  iterations: number;
  /** λ, the L2 regularisation added to the Gram diagonal. */
  reg: number;
  alpha: number;
  confidence: ConfidenceMode;
  /** ε of the log confidence `1 + α·log(1 + r/ε)`; unused by the linear one. */
  epsilon: number;
  /** Conjugate-gradient steps per row and half-sweep (warm-started, so 3 is plenty, as in `implicit`). */
  cgSteps: number;
  seed: number;
  /** Worker threads; 0 runs everything on the calling thread. Results do not depend on it. */
  threads: number;
}

// α = 1, λ = 10 at 64 factors scored NDCG@10 17.39 on the HetRec validation hold-out, within 0.13 of the best
// grid point (128 factors, α = 0.25) at half the cost; see bench/suites/als-eval.ts.
export const DEFAULT_ALS_PARAMS: AlsParams = {
  factors: 64,
  iterations: 15,
  reg: 10,
  alpha: 1,
  confidence: 'log',
  epsilon: 1,
  cgSteps: 3,
  seed: 42,
  threads: Math.min(2, os.availableParallelism()),
};

export interface AlsFactors {
  params: AlsParams;
  nUsers: number;
  nItems: number;
  /** Row-major `nUsers × factors`. */
  userFactors: Float32Array;
  /** Row-major `nItems × factors`. */
  itemFactors: Float32Array;
}

export interface TrainHooks {
  /** Called after each full iteration (users then items) with its wall time in seconds. */
  onIteration?(info: { iteration: number; iterations: number; seconds: number }): void;
}

function checkParams(p: AlsParams): void {
  const bad: string[] = [];
  const posInt = (name: keyof AlsParams, min: number) => {
    const v = p[name];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min)
      bad.push(`${name} must be an integer ≥ ${min} (got ${String(v)})`);
  };
  posInt('factors', 1);
  posInt('iterations', 1);
  posInt('cgSteps', 1);
  posInt('threads', 0);
  posInt('seed', 0);
  if (!(p.reg > 0)) bad.push(`reg must be > 0 (got ${p.reg})`);
  if (!(p.alpha >= 0)) bad.push(`alpha must be ≥ 0 (got ${p.alpha})`);
  if (!(p.epsilon > 0)) bad.push(`epsilon must be > 0 (got ${p.epsilon})`);
  if (p.confidence !== 'linear' && p.confidence !== 'log')
    bad.push(`confidence must be linear or log (got ${String(p.confidence)})`);
  if (bad.length > 0) throw new AppError(`Invalid ALS parameters: ${bad.join('; ')}`);
}

/**
 * Trains implicit ALS on a users × items matrix of raw non-negative weights (play counts…). Each iteration
 * solves all user rows against fixed item factors, then all item rows. Reproducible for a given seed, whatever
 * the thread count: rows are independent within a half-sweep and the Gram sum has a fixed order.
 */
export async function trainAls(
  weights: CsrMatrix,
  options: Partial<AlsParams> = {},
  hooks: TrainHooks = {},
): Promise<AlsFactors> {
  const params: AlsParams = { ...DEFAULT_ALS_PARAMS, ...options };
  checkParams(params);
  if (weights.rows === 0 || weights.cols === 0 || weights.indices.length === 0) {
    throw new AppError('Cannot train ALS on an empty interaction matrix');
  }
  const f = params.factors;
  const nUsers = weights.rows;
  const nItems = weights.cols;
  const shared = params.threads > 0;
  const f32 = (n: number) => (shared ? new Float32Array(new SharedArrayBuffer(n * 4)) : new Float32Array(n));
  const i32 = (src: Int32Array) => {
    const out = shared ? new Int32Array(new SharedArrayBuffer(src.length * 4)) : new Int32Array(src.length);
    out.set(src);
    return out;
  };
  const f64 = (n: number) => (shared ? new Float64Array(new SharedArrayBuffer(n * 8)) : new Float64Array(n));

  const byItem = transposeCsr(weights);
  const userSide = {
    indptr: i32(weights.indptr),
    indices: i32(weights.indices),
    conf: confidenceMinusOne(
      weights.data,
      params.confidence,
      params.alpha,
      params.epsilon,
      f32(weights.data.length),
    ),
  };
  const itemSide = {
    indptr: i32(byItem.indptr),
    indices: i32(byItem.indices),
    conf: confidenceMinusOne(
      byItem.data,
      params.confidence,
      params.alpha,
      params.epsilon,
      f32(byItem.data.length),
    ),
  };
  // Small positive start as in `implicit`: the first user half-sweep then sees near-zero item factors, which CG
  // handles from any warm start.
  const random = seededRandom(params.seed);
  const X = f32(nUsers * f);
  const Y = f32(nItems * f);
  for (let k = 0; k < X.length; k++) X[k] = random() * 0.01;
  for (let k = 0; k < Y.length; k++) Y[k] = random() * 0.01;
  const blocks = f64(gramBlockCount(Math.max(nUsers, nItems)) * f * f);
  const gram = new Float64Array(f * f);
  const chol = f64(cholBufferLength(f));
  const whitened = f32(Math.max(nUsers, nItems) * f);

  let pool: WorkerPool | undefined;
  try {
    if (shared) {
      const buf = (a: { buffer: ArrayBufferLike }) => a.buffer as SharedArrayBuffer;
      const init: WorkerInit = {
        factors: f,
        cgSteps: params.cgSteps,
        nUsers,
        nItems,
        userFactors: buf(X),
        itemFactors: buf(Y),
        userIndptr: buf(userSide.indptr),
        userIndices: buf(userSide.indices),
        userConf: buf(userSide.conf),
        itemIndptr: buf(itemSide.indptr),
        itemIndices: buf(itemSide.indices),
        itemConf: buf(itemSide.conf),
        gramBlocks: buf(blocks),
        chol: buf(chol),
        whitened: buf(whitened),
      };
      pool = await WorkerPool.start(params.threads, init);
    }
    const chunks = pool ? pool.size * 8 : 1;
    const ranges = {
      users: balancedRanges(userSide.indptr, f, params.cgSteps, chunks),
      items: balancedRanges(itemSide.indptr, f, params.cgSteps, chunks),
    };
    const evenRanges = (rows: number): [number, number][] =>
      Array.from({ length: chunks }, (_, c) => [
        Math.floor((c * rows) / chunks),
        Math.floor(((c + 1) * rows) / chunks),
      ]);
    const scratch = rowScratch(f);

    const halfSweep = async (side: 'users' | 'items') => {
      const otherName = side === 'users' ? 'items' : 'users';
      const other = side === 'users' ? Y : X;
      const otherRows = side === 'users' ? nItems : nUsers;
      const count = gramBlockCount(otherRows);
      if (pool) {
        const tasks: WorkerTask[] = [];
        for (let b = 0; b < count; b++) tasks.push({ op: 'gram', of: otherName, start: b, end: b + 1 });
        await pool.run(tasks);
      } else {
        for (let b = 0; b < count; b++) gramBlock(other, f, otherRows, b, blocks);
      }
      reduceGram(blocks, count, f, params.reg, gram);
      choleskyFactor(gram, f, chol);
      const s = side === 'users' ? userSide : itemSide;
      const target = side === 'users' ? X : Y;
      if (pool) {
        await pool.run(
          evenRanges(otherRows).map(([start, end]) => ({ op: 'whiten', of: otherName, start, end })),
        );
        await pool.run(ranges[side].map(([start, end]) => ({ op: 'solve', side, start, end })));
      } else {
        whitenRows(chol, other, whitened, f, 0, otherRows);
        solveRows(
          s.indptr,
          s.indices,
          s.conf,
          target,
          whitened,
          chol,
          f,
          params.cgSteps,
          0,
          s.indptr.length - 1,
          scratch,
        );
      }
    };

    for (let it = 1; it <= params.iterations; it++) {
      const t0 = performance.now();
      await halfSweep('users');
      await halfSweep('items');
      hooks.onIteration?.({
        iteration: it,
        iterations: params.iterations,
        seconds: (performance.now() - t0) / 1000,
      });
    }
  } finally {
    await pool?.close();
  }
  // Copies detach the result from shared memory the workers no longer use.
  return { params, nUsers, nItems, userFactors: X.slice(), itemFactors: Y.slice() };
}
