import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../../bot/app.js';
import { loadConfig } from '../../core/config/index.js';
import { silentLogger } from '../../core/logger.js';
import { createCore } from '../../core/runtime.js';
import type { Suite } from '../harness.js';
import { round, summarize } from '../harness.js';

/** A 20-turn conversation exercising every refinement the planner knows. */
export const SCRIPTED_CONVERSATION = [
  'rough day, feeling kind of numb, I want something that slowly picks me up',
  'more',
  'less sad',
  'something with more energy',
  'only Spanish',
  'no Bad Bunny',
  'more like the second one',
  'why the third?',
  'any language',
  'from the 90s',
  'I love the first one',
  'calmer',
  'something like Skinny Love',
  'start over',
  "I'm so angry, my best friend lied to me",
  'stay with it',
  'more',
  'only rock',
  'surprise me',
  'thanks!',
];

export const turnsSuite: Suite = {
  name: 'turns',
  kind: 'bench',
  description:
    'turn latency over the scripted 20-turn conversation on the demo catalog (offline planner, in process)',
  async run({ root, log }) {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'mt-bench-turns-'));
    try {
      const config = loadConfig({ MOODTUNE_DATA_DIR: dataDir }, root);
      const app = await createApp(await createCore(config, silentLogger()));
      const samples: number[] = [];
      const rounds = 5;
      for (let r = 0; r < rounds; r++) {
        for (const text of SCRIPTED_CONVERSATION) {
          const t0 = performance.now();
          await app.turns.handle({ conversationId: `bench-${r}`, userId: 'bench', platform: 'shell', text });
          samples.push(performance.now() - t0);
        }
      }
      await app.close();
      const s = summarize(samples);
      log(`${samples.length} turns`);
      return {
        metrics: {
          'offline-planner': { p50_ms: round(s.p50, 1), p95_ms: round(s.p95, 1), mean_ms: round(s.mean, 1) },
        },
        notes: { turns: samples.length, catalog: config.catalogPath },
      };
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  },
};
