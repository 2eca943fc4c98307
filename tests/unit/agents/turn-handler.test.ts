import { describe, expect, it } from 'vitest';
import { MemoryConversationStore } from '../../../agents/conversation-store.js';
import { sanitizeMessage, TurnHandler, MAX_MESSAGE_CHARS } from '../../../agents/turn-handler.js';
import type { ChatAgent, ConversationState, Reply, TurnInput } from '../../../agents/types.js';
import { UserFacingError } from '../../../core/errors.js';
import { silentLogger } from '../../../core/logger.js';

/** An agent of our own interface that records what it saw and answers with a scripted behaviour. */
class ScriptedAgent implements ChatAgent {
  seen: string[] = [];
  constructor(
    readonly name: string,
    private readonly behave: (turn: TurnInput, state: ConversationState) => Promise<Reply> | Reply,
  ) {}
  async respond(turn: TurnInput, state: ConversationState): Promise<Reply> {
    this.seen.push(turn.text);
    return this.behave(turn, state);
  }
}

const reply = (text: string, agent: string): Reply => ({
  kind: 'info',
  text,
  tracks: [],
  actions: [],
  agent,
});
const turn = (text: string, conversationId = 'c'): TurnInput => ({
  conversationId,
  userId: 'u',
  platform: 'shell',
  text,
});

describe('sanitizeMessage', () => {
  it.each([
    ['  hello  ', 'hello', false],
    ['a\u0000b\u0007c\u001b[31m', 'abc[31m', false],
    ['line one\nline two\ttab', 'line one\nline two\ttab', false],
    ['zero\u200bwidth \u202eevil', 'zerowidth evil', false],
    ['x'.repeat(MAX_MESSAGE_CHARS + 5), 'x'.repeat(MAX_MESSAGE_CHARS), true],
  ])('%j → %j', (input, text, truncated) => {
    expect(sanitizeMessage(input)).toEqual({ text, truncated });
  });
});

describe('TurnHandler', () => {
  const store = () => new MemoryConversationStore({ ttlMs: 60_000, maxConversations: 100 });

  it('falls back when the preferred agent fails, from the saved state, and counts the reason', async () => {
    const reasons: string[] = [];
    const failing = new ScriptedAgent('llm', (_t, state) => {
      state.shownIds.push('half-written');
      throw Object.assign(new Error('boom'), { reason: 'server_error' });
    });
    const planner = new ScriptedAgent('planner', (_t, state) => {
      expect(state.shownIds).toEqual([]);
      return reply('from planner', 'planner');
    });
    const s = store();
    const handler = new TurnHandler({
      store: s,
      agent: failing,
      fallback: planner,
      logger: silentLogger(),
      onFallback: (r) => reasons.push(r),
    });
    const answer = await handler.handle(turn('hi'));
    expect(answer.agent).toBe('planner');
    expect(reasons).toEqual(['server_error']);
    expect(s.get('c').shownIds).toEqual([]);
    expect(s.get('c').history.map((h) => h.text)).toEqual(['hi', 'from planner']);
  });

  it('answers a UserFacingError kindly and leaves the conversation untouched', async () => {
    const down = new ScriptedAgent('planner', (_t, state) => {
      state.shownIds.push('x');
      throw new UserFacingError("I can't search for songs right now — please try again in a minute.");
    });
    const s = store();
    const handler = new TurnHandler({ store: s, agent: down, fallback: down, logger: silentLogger() });
    const answer = await handler.handle(turn('sad'));
    expect(answer).toMatchObject({ kind: 'error', text: expect.stringContaining("can't search") as string });
    expect(s.has('c')).toBe(false);
  });

  it('lets unexpected errors reach the adapter boundary when there is no other agent', async () => {
    const broken = new ScriptedAgent('planner', () => {
      throw new TypeError('bug');
    });
    const handler = new TurnHandler({ store: store(), agent: broken, logger: silentLogger() });
    await expect(handler.handle(turn('x'))).rejects.toThrow('bug');
  });

  it('serializes turns of one conversation, in order, while other conversations proceed', async () => {
    const order: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const agent = new ScriptedAgent('a', async (t) => {
      if (t.text === 'first') await gate;
      order.push(`${t.conversationId}:${t.text}`);
      return reply(t.text, 'a');
    });
    const handler = new TurnHandler({ store: store(), agent, logger: silentLogger() });
    const first = handler.handle(turn('first', 'c1'));
    const second = handler.handle(turn('second', 'c1'));
    const other = handler.handle(turn('other', 'c2'));
    await other;
    expect(order).toEqual(['c2:other']);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['c2:other', 'c1:first', 'c1:second']);
  });

  it('tells the person when a long paste was cut, and gives the agent clean text', async () => {
    const agent = new ScriptedAgent('a', (t) => reply(`got ${t.text.length}`, 'a'));
    const handler = new TurnHandler({ store: store(), agent, logger: silentLogger() });
    const answer = await handler.handle(turn(`\u0007${'y'.repeat(10_000)}`));
    expect(agent.seen[0]).toHaveLength(MAX_MESSAGE_CHARS);
    expect(answer.text).toMatch(/^\(That was a long message/);
  });
});
