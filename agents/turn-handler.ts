import type { Logger } from 'pino';
import type { ConversationStore } from './conversation-store.js';
import { remember } from './conversation-store.js';
import { UserFacingError } from '../core/errors.js';
import type { ChatAgent, ConversationState, Reply, TurnInput } from './types.js';

/** Longest message we read; longer pastes are cut (and the person is told). */
export const MAX_MESSAGE_CHARS = 2000;

/** Control characters (not newline/tab), zero-width and bidi-override characters: never meaningful in a message. */
const INVISIBLE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point here
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Strips control characters (keeping newlines and tabs) and trims. */
export function sanitizeMessage(text: string): { text: string; truncated: boolean } {
  const clean = text.replace(INVISIBLE, '').trim();
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
      if (error instanceof UserFacingError || !this.deps.fallback || this.deps.fallback === this.deps.agent) {
        return this.userFacing(error);
      }
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
      try {
        reply = await this.deps.fallback.respond(clean, state);
      } catch (fallbackError) {
        return this.userFacing(fallbackError);
      }
    }
    return this.finish(state, text, truncated, reply);
  }

  /**
   * A failure the person should hear about as is (e.g. "I can't search for songs right now"): answered kindly,
   * and the conversation is left exactly as it was. Anything else propagates to the adapter's error boundary.
   */
  private userFacing(error: unknown): Reply {
    if (!(error instanceof UserFacingError)) throw error;
    return { kind: 'error', text: error.message, tracks: [], actions: [], agent: 'turn-handler' };
  }

  private finish(state: ConversationState, text: string, truncated: boolean, reply: Reply): Reply {
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
