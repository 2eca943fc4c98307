/**
 * Worker side of parallel ALS sweeps. Everything large lives in SharedArrayBuffers handed over once at start;
 * each message names a range of Gram blocks or rows to process, so no factors are copied between threads.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { gramBlock, rowScratch, solveRows, whitenRows } from './kernel.js';
import type { WorkerInit, WorkerTask } from './worker-protocol.js';

const init = workerData as WorkerInit;
const f = init.factors;
const users = new Float32Array(init.userFactors);
const items = new Float32Array(init.itemFactors);
const sides = {
  users: {
    indptr: new Int32Array(init.userIndptr),
    indices: new Int32Array(init.userIndices),
    conf: new Float32Array(init.userConf),
    target: users,
  },
  items: {
    indptr: new Int32Array(init.itemIndptr),
    indices: new Int32Array(init.itemIndices),
    conf: new Float32Array(init.itemConf),
    target: items,
  },
};
const gramBlocks = new Float64Array(init.gramBlocks);
const chol = new Float64Array(init.chol);
const whitened = new Float32Array(init.whitened);
const scratch = rowScratch(f);
const port = parentPort!;

port.on('message', (task: WorkerTask) => {
  try {
    if (task.op === 'gram') {
      const factors = task.of === 'users' ? users : items;
      const rows = task.of === 'users' ? init.nUsers : init.nItems;
      for (let b = task.start; b < task.end; b++) gramBlock(factors, f, rows, b, gramBlocks);
    } else if (task.op === 'whiten') {
      whitenRows(chol, task.of === 'users' ? users : items, whitened, f, task.start, task.end);
    } else {
      const s = sides[task.side];
      solveRows(
        s.indptr,
        s.indices,
        s.conf,
        s.target,
        whitened,
        chol,
        f,
        init.cgSteps,
        task.start,
        task.end,
        scratch,
      );
    }
    port.postMessage({ ok: true });
  } catch (error) {
    port.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
  }
});
port.postMessage({ ok: true, ready: true });
