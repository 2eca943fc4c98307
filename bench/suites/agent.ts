import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../../bot/app.js';
import { loadConfig, type Config } from '../../core/config/index.js';
import { silentLogger } from '../../core/logger.js';
import { createCore, type CoreServices } from '../../core/runtime.js';
import {
  forcedFunction,
  lastTurn,
  respond,
  startFakeGroq,
  toolCall,
  toolResultIds,
  type ChatRequest,
  type Step,
} from '../../tests/fakes/groq-server.js';
import { round, summarize, type Suite } from '../harness.js';
import { MemoryConversationStore } from '../../agents/conversation-store.js';
import { createGroqSetup, type GroqTurnStats } from '../../agents/groq-agent.js';

const LATENCY_MS = 300;
const FEELINGS = [
  'tired and a bit nostalgic tonight',
  'heartbroken but trying to move on',
  'restless, can not focus',
  'happy and light, sunny day',
  'me siento sola, kind of empty',
];

/** Two tool calls a turn (extract_emotions, recommend), then the structured answer. */
function brain(request: ChatRequest): Step {
  if (forcedFunction(request) === 'emotion_reading')
    return toolCall('emotion_reading', {
      emotions: [{ emotion: 'nostalgia', weight: 1 }],
      negated: [],
      valence: -0.2,
      arousal: -0.3,
    });
  const last = lastTurn(request);
  if (last.role === 'system' || last.role === 'user')
    return toolCall('extract_emotions', { text: request.messages.at(-1)!.content ?? '' });
  if (last.tool === 'extract_emotions') return toolCall('recommend', { emotions: ['nostalgia', 'calm'] });
  return respond('A few songs for where you are right now.', toolResultIds(request).slice(0, 5));
}

function withGroq(core: CoreServices, groq: Partial<Config['groq']>): CoreServices {
  return { ...core, config: { ...core.config, groq: { ...core.config.groq, ...groq } } };
}

export const agentSuite: Suite = {
  name: 'agent',
  kind: 'bench',
  description: `Groq agent against a loopback Groq with ${LATENCY_MS} ms per call: overhead, 2-tool turn, burst at 30 rpm`,
  async run(ctx) {
    const server = await startFakeGroq({ fallback: brain, latencyMs: LATENCY_MS });
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'moodtune-bench-agent-'));
    const base = loadConfig({
      NODE_ENV: 'test',
      MOODTUNE_DATA_DIR: dataDir,
      MOODTUNE_CATALOG: path.join(ctx.root, 'tests/fixtures/mini-catalog.jsonl'),
      GROQ_API_KEY: 'gsk_bench_not_a_real_key_000',
      GROQ_BASE_URL: server.url,
    });
    const core = await createCore(base, silentLogger());
    try {
      // 1) Sequential turns with an unlimited budget: where does the time go?
      const stats: GroqTurnStats[] = [];
      const turnMs: number[] = [];
      let httpMs = 0;
      const timedFetch: typeof fetch = async (input, init) => {
        const t = performance.now();
        try {
          return await fetch(input, init);
        } finally {
          httpMs += performance.now() - t;
        }
      };
      const overheadCore = withGroq(core, { requestsPerMinute: 100_000, tokensPerMinute: 1e9 });
      const setup = createGroqSetup({
        settings: overheadCore.config.groq,
        toolDeps: {
          reader: core.reader,
          index: core.index,
          embedder: core.embedder,
          recommender: core.recommender,
          catalog: core.catalog,
        },
        catalog: core.catalog,
        songsPerReply: 5,
        logger: silentLogger(),
        secrets: [],
        onTurn: (s) => stats.push(s),
        fetch: timedFetch,
      });
      const store = new MemoryConversationStore();
      const overheadExModel: number[] = [];
      const overheadExModelTools: number[] = [];
      const runs = Number(ctx.args.find((a) => a.startsWith('--turns='))?.slice(8) ?? 30);
      for (let i = 0; i < runs + 3; i++) {
        const state = store.get(`seq-${i}`);
        // A conversation already a few turns long, so memory building is part of the measured overhead.
        for (const f of FEELINGS.slice(0, 3))
          state.history.push(
            { role: 'user', text: f },
            { role: 'assistant', text: 'Songs that sit with that:' },
          );
        httpMs = 0;
        stats.length = 0;
        const t = performance.now();
        const reply = await setup.agent.respond(
          {
            conversationId: `seq-${i}`,
            userId: 'u',
            platform: 'shell',
            text: FEELINGS[i % FEELINGS.length]!,
          },
          state,
        );
        const total = performance.now() - t;
        store.save(state);
        if (reply.tracks.length === 0) throw new Error('bench turn returned no songs');
        if (i < 3) continue; // warm-up: module loading, first connections
        const s = stats[0]!;
        turnMs.push(total);
        overheadExModel.push(total - httpMs);
        overheadExModelTools.push(total - s.modelMs - s.toolMs);
      }
      await setup.close();

      // 2) A burst of 50 simultaneous conversations against a 30 requests/min budget.
      server.reset();
      // The configured default wait budget (GROQ_MAX_WAIT_MS), as a user would run it.
      const burstCore = withGroq(core, { requestsPerMinute: 30, tokensPerMinute: 1e9 });
      const burstApp = await createApp(burstCore);
      const replyMs: number[] = [];
      let errors = 0;
      const t0 = performance.now();
      const replies = await Promise.all(
        Array.from({ length: 50 }, async (_, i) => {
          try {
            const reply = await burstApp.turns.handle({
              conversationId: `burst-${i}`,
              userId: `u${i}`,
              platform: 'discord',
              text: FEELINGS[i % FEELINGS.length]!,
            });
            if (reply.kind === 'error' || !reply.text) errors++;
            return reply;
          } catch {
            errors++;
            return undefined;
          } finally {
            replyMs.push(performance.now() - t0);
          }
        }),
      );
      const byGroq = replies.filter((r) => r?.agent === 'groq').length;
      const fallbacks = [...burstApp.fallbacks.values()].reduce((a, b) => a + b, 0);
      const burstRequests = server.requests.length;
      await burstApp.close().catch(() => undefined);

      const turn = summarize(turnMs);
      const exModel = summarize(overheadExModel);
      const exBoth = summarize(overheadExModelTools);
      const burst = summarize(replyMs);
      ctx.log(`fallback reasons in burst: ${JSON.stringify(Object.fromEntries(burstApp.fallbacks))}`);
      return {
        metrics: {
          'turn (2 tool calls, 4 model calls)': {
            p50_ms: round(turn.p50, 1),
            p95_ms: round(turn.p95, 1),
            target_ms: 1500,
          },
          'overhead excl. model HTTP': {
            p50_ms: round(exModel.p50, 1),
            p95_ms: round(exModel.p95, 1),
            target_ms: 50,
          },
          'overhead excl. model + tools': {
            p50_ms: round(exBoth.p50, 1),
            p95_ms: round(exBoth.p95, 1),
            target_ms: 50,
          },
          'burst 50 @ 30 rpm': {
            errors,
            groq_replies: byGroq,
            fallback_replies: fallbacks,
            groq_requests: burstRequests,
            p95_reply_ms: round(burst.p95, 1),
            max_reply_ms: round(Math.max(...replyMs), 1),
            target_max_ms: 5000,
          },
        },
        notes: {
          latencyMs: LATENCY_MS,
          sequentialTurns: runs,
          catalog: 'tests/fixtures/mini-catalog.jsonl (24 songs)',
          turnShape: 'extract_emotions (LLM reader = 1 extra call) → recommend → respond',
          burstBudget:
            '30 requests/min, tokens unlimited, GROQ_MAX_WAIT_MS default (3000), 4 requests prepaid per turn',
        },
      };
    } finally {
      await core.close();
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  },
};
