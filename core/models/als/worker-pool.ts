import { Worker } from 'node:worker_threads';
import { AppError } from '../../errors.js';
import type { WorkerInit, WorkerReply, WorkerTask } from './worker-protocol.js';

/**
 * Starts one ALS worker. From compiled JavaScript the worker is a plain module; from TypeScript sources (tsx,
 * vitest) a worker does not inherit the TypeScript loader — on Node 20 `execArgv: ['--import', 'tsx']` is not
 * applied to workers — so a tiny eval'd bootstrap registers tsx's ESM hooks and then imports the `.ts` entry.
 */
function startWorker(init: WorkerInit): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  if (!fromSource) return new Worker(new URL('./als-worker.js', import.meta.url), { workerData: init });
  const entry = new URL('./als-worker.ts', import.meta.url).href;
  // import.meta.resolve picks tsx's ESM entry (its CJS one cannot register from a worker); vitest may not
  // provide it, and then the bare specifier resolves from the working directory.
  const tsxApi =
    typeof import.meta.resolve === 'function' ? import.meta.resolve('tsx/esm/api') : 'tsx/esm/api';
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((m) => { (m.register ?? m.default.register)(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(bootstrap, { eval: true, workerData: init });
}

/** A fixed set of ALS workers sharing the same memory; tasks are handed out as workers become free. */
export class WorkerPool {
  private constructor(private readonly workers: Worker[]) {}

  static async start(count: number, init: WorkerInit): Promise<WorkerPool> {
    const workers: Worker[] = [];
    try {
      for (let i = 0; i < count; i++) workers.push(startWorker(init));
      await Promise.all(workers.map((w) => nextReply(w)));
    } catch (error) {
      await Promise.all(workers.map((w) => w.terminate()));
      throw error;
    }
    return new WorkerPool(workers);
  }

  get size(): number {
    return this.workers.length;
  }

  /** Runs every task; resolves when all are done. Dynamic hand-out evens out load on a busy machine. */
  async run(tasks: readonly WorkerTask[]): Promise<void> {
    let next = 0;
    const drive = async (worker: Worker): Promise<void> => {
      while (next < tasks.length) {
        const task = tasks[next++]!;
        const reply = nextReply(worker);
        worker.postMessage(task);
        await reply;
      }
    };
    await Promise.all(this.workers.map(drive));
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

function nextReply(worker: Worker): Promise<void> {
  return new Promise((resolve, reject) => {
    const onMessage = (reply: WorkerReply) => {
      cleanup();
      if (reply.ok) resolve();
      else reject(new AppError(`ALS worker failed: ${reply.message}`));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(new AppError('ALS worker crashed', { cause: error }));
    };
    const onExit = (code: number) => {
      cleanup();
      reject(new AppError(`ALS worker exited early (code ${code})`));
    };
    const cleanup = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
  });
}
