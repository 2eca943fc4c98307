import type { Logger } from 'pino';
import type { ConversationStore } from './conversation-store.js';
import { remember } from './conversation-store.js';
import type { ChatAgent, Reply, TurnInput } from './types.js';

/** Longest message we read; longer pastes are cut (and the person is told). */
export const MAX_MESSAGE_CHARS = 2000;

/** Strips control characters (keeping newlines and tabs) and trims. */
export function sanitizeMessage(text: string): { text: string; truncated: boolean } {
  // eslint-disable-next-line no-control-regex
  const clean = text
    .replace(
      /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g,
      '',
    )
    .trim();
  if (clean.length <= MAX_MESSAGE_CHARS) return { text: clean, truncated: false };
  return { text: clean.slice(0, MAX_MESSAGE_CHARS), truncated: true };
}

export interface TurnHandlerDeps {
  store: ConversationStore;
  /** The preferred agent (the LLM agent when configured). */
  agent: ChatAgent;
  /** Answers when the preferred agent fails; the offline planner. */
  fallback?: ChatAgent;
  logger: Logger;
  /** Counts fallbacks by reason (for the bench and logs). */
  onFallback?: (reason: string) => void;
}

/**
 * The one entry point every channel calls: sanitizes input, serializes turns per conversation, runs the agent
 * (falling back to the offline planner if it fails), and saves the conversation only when the turn succeeded.
 */
export class TurnHandler {
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly deps: TurnHandlerDeps) {}

  /** Whether this conversation is live (buttons on expired conversations get a kind answer). */
  hasConversation(conversationId: string): boolean {
    return this.deps.store.has(conversationId);
  }

  handle(turn: TurnInput): Promise<Reply> {
    const previous = this.queues.get(turn.conversationId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.run(turn));
    this.queues.set(turn.conversationId, next);
    void next
      .finally(() => {
        if (this.queues.get(turn.conversationId) === next) this.queues.delete(turn.conversationId);
      })
      .catch(() => undefined);
    return next;
  }

  private async run(turn: TurnInput): Promise<Reply> {
    const { text, truncated } = sanitizeMessage(turn.text);
    const clean: TurnInput = { ...turn, text };
    let state = this.deps.store.get(turn.conversationId);
    let reply: Reply;
    try {
      reply = await this.deps.agent.respond(clean, state);
    } catch (error) {
      if (!this.deps.fallback || this.deps.fallback === this.deps.agent) throw error;
      // Agents may say why they gave up (`reason`, e.g. the Groq agent's `rate_limited`); else the error's class.
      const said = (error as { reason?: unknown } | null)?.reason;
      const reason = typeof said === 'string' ? said : error instanceof Error ? error.name : 'unknown';
      this.deps.logger.warn(
        { err: error, agent: this.deps.agent.name, reason },
        'agent failed; offline planner answers',
      );
      this.deps.onFallback?.(reason);
      // The failed agent may have half-updated the state: the fallback starts from the saved one.
      state = this.deps.store.get(turn.conversationId);
      reply = await this.deps.fallback.respond(clean, state);
    }
    if (truncated)
      reply = {
        ...reply,
        text: `(That was a long message — I read the first ${MAX_MESSAGE_CHARS} characters.)\n${reply.text}`,
      };
    state.turns++;
    remember(state, 'user', text);
    remember(state, 'assistant', reply.text);
    this.deps.store.save(state);
    return reply;
  }
}
