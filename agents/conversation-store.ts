import type { ConversationState } from './types.js';

const MAX_HISTORY = 20;

export function newConversation(id: string, now = Date.now()): ConversationState {
  return {
    id,
    createdAt: now,
    updatedAt: now,
    turns: 0,
    reading: undefined,
    shift: { valence: 0, arousal: 0 },
    goal: undefined,
    theme: undefined,
    constraints: {},
    shownIds: [],
    likedIds: [],
    dislikedIds: [],
    lastCards: [],
    seedIds: [],
    exploration: 0,
    askedClarification: false,
    pending: undefined,
    history: [],
  };
}

export function remember(state: ConversationState, role: 'user' | 'assistant', text: string): void {
  if (!text) return;
  state.history.push({ role, text: text.slice(0, 1000) });
  if (state.history.length > MAX_HISTORY) state.history.splice(0, state.history.length - MAX_HISTORY);
}

export interface ConversationStore {
  /** The conversation, or a fresh one when unknown or expired. */
  get(id: string): ConversationState;
  /** Whether a live (unexpired) conversation exists. */
  has(id: string): boolean;
  save(state: ConversationState): void;
  delete(id: string): void;
  readonly size: number;
}

/**
 * Conversations in memory with a time-to-live and a size bound (least recently used evicted first).
 * State is small (ids and a reading), so 10k conversations stay well under 50 MB.
 */
export class MemoryConversationStore implements ConversationStore {
  private readonly map = new Map<string, ConversationState>();

  constructor(
    private readonly options: { ttlMs: number; maxConversations: number; now?: () => number } = {
      ttlMs: 4 * 3600_000,
      maxConversations: 10_000,
    },
  ) {}

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  private live(id: string): ConversationState | undefined {
    const state = this.map.get(id);
    if (!state) return undefined;
    if (this.now() - state.updatedAt > this.options.ttlMs) {
      this.map.delete(id);
      return undefined;
    }
    return state;
  }

  has(id: string): boolean {
    return this.live(id) !== undefined;
  }

  get(id: string): ConversationState {
    return structuredClone(this.live(id) ?? newConversation(id, this.now()));
  }

  save(state: ConversationState): void {
    state.updatedAt = this.now();
    this.map.delete(state.id);
    this.map.set(state.id, structuredClone(state));
    while (this.map.size > this.options.maxConversations) this.map.delete(this.map.keys().next().value!);
  }

  delete(id: string): void {
    this.map.delete(id);
  }

  get size(): number {
    return this.map.size;
  }
}
