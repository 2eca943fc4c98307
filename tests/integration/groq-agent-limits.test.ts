import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../bot/app.js';
import { GroqAgent } from '../../agents/groq-agent.js';
import { MemoryConversationStore } from '../../agents/conversation-store.js';
import { TurnHandler } from '../../agents/turn-handler.js';
import { loadConfig, secretValues } from '../../core/config/index.js';
import { createLogger, silentLogger } from '../../core/logger.js';
import { createCore, type CoreServices } from '../../core/runtime.js';
import {
  respond,
  startFakeGroq,
  status,
  toolCall,
  toolResultIds,
  type FakeGroqServer,
} from '../fakes/groq-server.js';
import { FIXTURE_CATALOG } from '../helpers/test-app.js';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const API_KEY = 'gsk_limits_test_key_abcdef012345';

/** recommend, then respond with the ids: two model calls a turn. */
const twoStep = (request: Parameters<typeof toolResultIds>[0]) =>
  request.messages.at(-1)!.role === 'tool'
    ? respond('Here is a small set for you.', toolResultIds(request).slice(0, 5))
    : toolCall('recommend', { emotions: ['calm'] });

describe('Groq agent under rate limits, outages and secrets', () => {
  let server: FakeGroqServer;
  let core: CoreServices;
  let dataDir: string;
  const logLines: string[] = [];

  beforeAll(async () => {
    server = await startFakeGroq({ fallback: twoStep, latencyMs: 50 });
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'moodtune-groq-'));
    const config = loadConfig({
      NODE_ENV: 'test',
      MOODTUNE_DATA_DIR: dataDir,
      MOODTUNE_CATALOG: FIXTURE_CATALOG,
      GROQ_API_KEY: API_KEY,
      GROQ_BASE_URL: server.url,
      GROQ_REQUESTS_PER_MINUTE: '8',
      GROQ_MAX_WAIT_MS: '1500',
      GROQ_TIMEOUT_MS: '3000',
      GROQ_TOKENS_PER_MINUTE: '1000000',
    });
    const destination = new Writable({
      write(chunk: Buffer, _enc, done) {
        logLines.push(chunk.toString());
        done();
      },
    });
    const logger = createLogger({ level: 'debug', secrets: secretValues(config), destination });
    core = await createCore(config, logger);
  });
  afterAll(async () => {
    await core.close();
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('serves a burst beyond the requests/min budget: admitted turns by Groq, the rest by the fallback', async () => {
    const app: App = await createApp(core);
    try {
      const replies = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          app.turns.handle({
            conversationId: `burst-${i}`,
            userId: `u${i}`,
            platform: 'slack',
            text: 'calm evening',
          }),
        ),
      );
      const byGroq = replies.filter((r) => r.agent === 'groq').length;
      // 8 requests/min, 4 prepaid per turn: two turns fit, six are told at once to fall back.
      expect(byGroq).toBe(2);
      expect(replies.every((r) => r.kind !== 'error' && r.text.length > 0)).toBe(true);
      expect(app.fallbacks.get('rate_limited')).toBe(6);
      expect(server.requests.length).toBe(4);
    } finally {
      await app.close();
    }
  });

  it('falls back at once on a 429 whose Retry-After exceeds the wait budget, and keeps others waiting', async () => {
    const app = await createApp(core);
    try {
      server.reset();
      server.enqueue(status(429, { 'retry-after': '30' }));
      const first = await app.turns.handle({
        conversationId: 'r1',
        userId: 'u',
        platform: 'shell',
        text: 'sad',
      });
      expect(first.agent).toBe('offline-planner');
      expect(app.fallbacks.get('rate_limited')).toBe(1);
      expect(app.groq!.limiter.blockedForMs()).toBeGreaterThan(20_000);
      // While blocked, a new turn does not even send a request.
      const second = await app.turns.handle({
        conversationId: 'r2',
        userId: 'u',
        platform: 'shell',
        text: 'sad',
      });
      expect(second.agent).toBe('offline-planner');
      expect(server.requests.length).toBe(1);
    } finally {
      await app.close();
    }
  });

  it('never writes the API key to a log line, even when the server rejects it', async () => {
    const app = await createApp(core);
    try {
      server.reset();
      server.enqueue(status(401, {}, JSON.stringify({ error: { message: `Invalid API Key ${API_KEY}` } })));
      const reply = await app.turns.handle({
        conversationId: 'k1',
        userId: 'u',
        platform: 'shell',
        text: 'ok',
      });
      expect(reply.agent).toBe('offline-planner');
      const all = logLines.join('');
      expect(all).toContain('unauthorized');
      expect(all).not.toContain(API_KEY);
      expect(reply.text).not.toContain(API_KEY);
    } finally {
      await app.close();
    }
  });

  it('falls back with reason missing_key when the agent has no model', async () => {
    const tools = (await createApp(core)).tools;
    const agent = new GroqAgent({
      model: undefined,
      tools,
      catalog: core.catalog,
      songsPerReply: 5,
      logger: silentLogger(),
    });
    const fallbacks: string[] = [];
    const planner = (await createApp(core)).planner;
    const handler = new TurnHandler({
      store: new MemoryConversationStore(),
      agent,
      fallback: planner,
      logger: silentLogger(),
      onFallback: (r) => fallbacks.push(r),
    });
    const reply = await handler.handle({
      conversationId: 'm',
      userId: 'u',
      platform: 'shell',
      text: 'happy',
    });
    expect(reply.agent).toBe('offline-planner');
    expect(fallbacks).toEqual(['missing_key']);
  });
});
