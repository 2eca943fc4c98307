import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../bot/app.js';
import { createTestApp } from '../helpers/test-app.js';

/**
 * Opt-in: talks to the real Groq API, so it runs only when GROQ_API_KEY is set in the environment
 * (e.g. `GROQ_API_KEY=gsk_… npx vitest run tests/integration/groq-agent-live.test.ts`). Every other test uses the
 * loopback server.
 */
const key = process.env.GROQ_API_KEY;

describe.skipIf(!key)('Groq agent, live API (opt-in)', () => {
  let app: App;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ app, cleanup } = await createTestApp({
      GROQ_API_KEY: key!,
      GROQ_TIMEOUT_MS: '20000',
      GROQ_MAX_WAIT_MS: '20000',
    }));
  });
  afterAll(() => cleanup?.());

  it('answers a nuanced feeling with grounded songs (or falls back cleanly)', async () => {
    const reply = await app.turns.handle({
      conversationId: 'live',
      userId: 'u',
      platform: 'shell',
      text: 'sad but not wallowing, songs for the drive back from the funeral',
    });
    expect(reply.text.length).toBeGreaterThan(0);
    for (const card of reply.tracks) expect(app.core.catalog.get(card.id)).toBeDefined();
    if (reply.agent !== 'groq') console.warn('live Groq turn fell back:', Object.fromEntries(app.fallbacks));
  }, 60_000);
});
