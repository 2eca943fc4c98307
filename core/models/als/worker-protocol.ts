/** Messages between the ALS trainer and its workers (see als-worker.ts). */
export interface WorkerInit {
  factors: number;
  cgSteps: number;
  nUsers: number;
  nItems: number;
  userFactors: SharedArrayBuffer;
  itemFactors: SharedArrayBuffer;
  userIndptr: SharedArrayBuffer;
  userIndices: SharedArrayBuffer;
  userConf: SharedArrayBuffer;
  itemIndptr: SharedArrayBuffer;
  itemIndices: SharedArrayBuffer;
  itemConf: SharedArrayBuffer;
  gramBlocks: SharedArrayBuffer;
  /** `Lᵀ`, `L⁻ᵀ`, `L⁻¹` of the current Gram matrix (see `choleskyFactor`). */
  chol: SharedArrayBuffer;
  /** Whitened factors of the fixed side, `max(nUsers, nItems) × f` Float32. */
  whitened: SharedArrayBuffer;
}

export type WorkerTask =
  /** Gram blocks `[start, end)` of the factors of `of`. */
  | { op: 'gram'; of: 'users' | 'items'; start: number; end: number }
  /** Rows `[start, end)` of the factors of `of`, whitened by the shared Cholesky factor into `whitened`. */
  | { op: 'whiten'; of: 'users' | 'items'; start: number; end: number }
  /** CG updates of rows `[start, end)` of `side`, against the whitened other side. */
  | { op: 'solve'; side: 'users' | 'items'; start: number; end: number };

export type WorkerReply = { ok: true; ready?: boolean } | { ok: false; message: string };
