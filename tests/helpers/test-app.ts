import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createApp, type App } from '../../bot/app.js';
import { loadConfig, type Config } from '../../core/config/index.js';
import { silentLogger } from '../../core/logger.js';
import { createCore, type CoreOptions } from '../../core/runtime.js';

export const FIXTURE_CATALOG = path.resolve(import.meta.dirname, '../fixtures/mini-catalog.jsonl');

/**
 * A real app (real USE embedder, embedded index, offline planner) over the 24-song fixture catalog in a temp
 * data directory. `env` overrides configuration variables. Call `cleanup()` in afterAll.
 */
export async function createTestApp(
  env: Record<string, string> = {},
  options: CoreOptions = {},
): Promise<{ app: App; config: Config; dataDir: string; cleanup: () => Promise<void> }> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'moodtune-test-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    MOODTUNE_DATA_DIR: dataDir,
    MOODTUNE_CATALOG: FIXTURE_CATALOG,
    ...env,
  });
  const core = await createCore(config, silentLogger(), options);
  const app = await createApp(core);
  return {
    app,
    config,
    dataDir,
    cleanup: async () => {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
