import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import {
  AIMessage,
  HumanMessage,
  SystemMessage,
  ToolMessage,
  type BaseMessage,
} from '@langchain/core/messages';
import type { StructuredToolInterface } from '@langchain/core/tools';
import { createAgent, createMiddleware, toolStrategy } from 'langchain';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { TrackCard } from '../core/cards.js';
import type { Catalog } from '../core/catalog/catalog.js';
import { createGroqChatModel, type GroqSettings } from '../core/clients/groq/client.js';
import { GroqError, toGroqError } from '../core/clients/groq/errors.js';
import { GroqLimiter } from '../core/clients/groq/limiter.js';
import { LlmEmotionReader } from '../core/emotions/llm-reader.js';
import { foldText } from '../core/emotions/normalizer.js';
import type { EmotionReading } from '../core/emotions/reader.js';
import type { MoodGoal } from '../core/recommender/mood.js';
import { createTools, type ToolDeps } from '../tools/index.js';
import type { LyricsSummary } from '../tools/summarize-lyrics.js';
import { buildMemory, type MemoryOptions } from './memory.js';
import { resetState, songActions } from './planner/offline-planner.js';
import { CRISIS_TEXT, EMPTY_TEXT, INJECTION_TEXT, RESET_TEXT } from './planner/texts.js';
import { repairInstruction, SYSTEM_PROMPT, turnContext, userMessageOf } from './prompts.js';
import { checkMessage, dwellsOnSelfHarm, leaksConfiguration } from './safety.js';
import type { ChatAgent, ConversationState, Reply, ReplyKind, TurnInput } from './types.js';

/** The agent's structured final answer, produced as a forced tool call (LangChain's toolStrategy). */
export const RespondSchema = z
  .object({
    reply: z.string().min(1).max(1200).describe('1-3 warm sentences; no song lists, links or lyrics.'),
    track_ids: z
      .array(z.string().max(200))
      .max(10)
      .describe(
        'Ids of the songs to show, best first, copied from tool results; empty when asking or chatting.',
      ),
  })
  .meta({
    title: 'respond',
    description: 'Finish the turn: your reply to the listener and the ids of the songs to show.',
  });
type Respond = z.infer<typeof RespondSchema>;

/** Tools whose artifact is TrackCard[]. */
const SONG_TOOLS = new Set(['recommend', 'search_by_emotion', 'search_lyrics']);

export interface GroqTurnStats {
  conversationId: string;
  totalMs: number;
  /** Time inside model calls (HTTP + parsing), summed. */
  modelMs: number;
  /** Time inside our tools, summed. */
  toolMs: number;
  modelCalls: number;
  toolCalls: number;
  /** Set when the turn failed and the fallback answers. */
  failure?: string;
}

export interface GroqAgentDeps {
  /** ChatGroq from core/clients/groq (or any tool-calling chat model); undefined means no API key. */
  model: BaseChatModel | undefined;
  tools: readonly StructuredToolInterface[];
  catalog: Catalog;
  /** Shared Groq limiter: a turn is admitted (its expected calls prepaid) before the first model call. */
  limiter?: GroqLimiter;
  songsPerReply: number;
  logger: Logger;
  /** Literal secrets that must never appear in a reply. */
  secrets?: readonly string[];
  /** Whole-turn deadline (default 15 s). */
  turnTimeoutMs?: number;
  /** Model calls a typical turn makes, prepaid at admission (default 3: tool, tool, respond; +1 with the LLM reader). */
  expectedModelCalls?: number;
  /** Hard cap on model calls per turn (default 6). */
  maxModelCalls?: number;
  memory?: MemoryOptions;
  onTurn?: (stats: GroqTurnStats) => void;
}

/** What one turn collects while LangChain runs (passed as the run's `context`). */
interface TurnScope {
  state: ConversationState;
  modelMs: number;
  toolMs: number;
  modelCalls: number;
  toolCalls: number;
  repaired: boolean;
}

function scopeOf(runtime: { context?: unknown }): TurnScope {
  return runtime.context as TurnScope;
}

type ToolArgs = Record<string, unknown>;

/**
 * The LLM agent: LangChain's `createAgent` over ChatGroq and our tools. Safety is checked before any model
 * call; songs come only from tool artifacts (ToolMessage.artifact), chosen by id in the structured `respond`
 * answer; a final text naming songs or links no tool returned is rejected. Any failure throws a GroqError with
 * a reason, and the turn handler lets the offline planner answer.
 */
export class GroqAgent implements ChatAgent {
  readonly name = 'groq';
  private readonly agent: ReturnType<typeof this.build> | undefined;
  private readonly toolNames: string[];
  private readonly names: NameIndex;

  constructor(private readonly deps: GroqAgentDeps) {
    this.toolNames = deps.tools.map((t) => t.name);
    this.agent = deps.model ? this.build(deps.model) : undefined;
    this.names = new NameIndex(deps.catalog);
  }

  private build(model: BaseChatModel) {
    const deps = this.deps;
    const toolNames = new Set([...this.toolNames, 'respond']);
    const maxCalls = deps.maxModelCalls ?? 6;
    const listed = this.toolNames;

    const guard = createMiddleware({
      name: 'MoodtuneGuard',
      wrapModelCall: async (request, handler) => {
        const scope = scopeOf(request.runtime);
        let messages = request.messages;
        for (;;) {
          if (++scope.modelCalls > maxCalls)
            throw new GroqError('bad_response', `more than ${maxCalls} model calls in one turn`);
          const started = performance.now();
          let response: AIMessage | undefined;
          let problems: string[] = [];
          try {
            response = await handler({ ...request, messages });
          } catch (error) {
            // toolStrategy's handleError is false: an invalid `respond` payload throws here.
            if (!/structured|parsing|schema|respond/i.test(String((error as Error)?.message ?? error)))
              throw error;
            problems = [`respond arguments invalid: ${String((error as Error).message).slice(0, 200)}`];
          } finally {
            scope.modelMs += performance.now() - started;
          }
          if (response) {
            for (const bad of response.invalid_tool_calls ?? [])
              problems.push(`arguments for ${bad.name ?? 'a tool'} are not valid JSON`);
            for (const call of response.tool_calls ?? [])
              if (!toolNames.has(call.name)) problems.push(`there is no tool named ${call.name}`);
          }
          if (problems.length === 0 && response) return response;
          if (scope.repaired)
            throw new GroqError(
              'malformed_tool_args',
              `unusable tool call after one repair: ${problems.join('; ')}`,
            );
          scope.repaired = true;
          deps.logger.info({ problems }, 'groq: repairing a malformed tool call');
          messages = [...request.messages, new HumanMessage(repairInstruction(problems, listed))];
        }
      },
      wrapToolCall: async (request, handler) => {
        const scope = scopeOf(request.runtime);
        scope.toolCalls++;
        const call = request.toolCall;
        const args = SONG_TOOLS.has(call.name)
          ? withConversationLimits(call.args, scope.state, deps.songsPerReply)
          : call.args;
        const started = performance.now();
        try {
          return await handler({ ...request, toolCall: { ...call, args } });
        } finally {
          scope.toolMs += performance.now() - started;
        }
      },
    });

    return createAgent({
      model,
      tools: [...deps.tools],
      systemPrompt: SYSTEM_PROMPT,
      responseFormat: toolStrategy(RespondSchema, { handleError: false }),
      middleware: [guard],
    });
  }

  async respond(turn: TurnInput, state: ConversationState): Promise<Reply> {
    // Safety first, before any model call: crisis and injection never reach the LLM.
    const verdict = turn.text ? checkMessage(turn.text) : undefined;
    if (verdict === 'crisis') {
      state.goal = 'calm';
      state.pending = undefined;
      return this.say('care', CRISIS_TEXT);
    }
    if (verdict === 'injection') return this.say('info', INJECTION_TEXT);
    if (turn.action?.type === 'reset') {
      resetState(state);
      return this.say('info', RESET_TEXT);
    }
    if (turn.action?.type === 'feedback' && !turn.text) return this.feedback(turn.action.value, state);
    if (!turn.text && !turn.action) return this.say('info', EMPTY_TEXT);

    const scope: TurnScope = { state, modelMs: 0, toolMs: 0, modelCalls: 0, toolCalls: 0, repaired: false };
    const started = performance.now();
    try {
      if (!this.agent || !this.deps.model) throw new GroqError('missing_key', 'GROQ_API_KEY is not set');
      const input = this.inputMessages(turn, state);
      const run = () =>
        this.agent!.invoke({ messages: input }, {
          context: scope,
          signal: AbortSignal.timeout(this.deps.turnTimeoutMs ?? 15_000),
          recursionLimit: 4 * (this.deps.maxModelCalls ?? 6) + 4,
        } as never);
      const limiter = this.deps.limiter;
      let result: { messages: BaseMessage[]; structuredResponse?: Respond };
      if (limiter) {
        const lease = await limiter.admit(this.deps.expectedModelCalls ?? 3);
        try {
          result = (await limiter.withLease(lease, run)) as typeof result;
        } finally {
          await limiter.release(lease);
        }
      } else {
        result = (await run()) as typeof result;
      }
      const reply = this.finish(turn, state, result.messages.slice(input.length), result.structuredResponse);
      this.report(turn, scope, started);
      return reply;
    } catch (error) {
      const failure = toGroqError(error);
      this.deps.logger.warn(
        { reason: failure.reason, status: failure.status, conversationId: turn.conversationId },
        'groq turn failed; falling back',
      );
      this.report(turn, scope, started, failure.reason);
      throw failure;
    }
  }

  private report(turn: TurnInput, scope: TurnScope, started: number, failure?: string): void {
    this.deps.onTurn?.({
      conversationId: turn.conversationId,
      totalMs: performance.now() - started,
      modelMs: scope.modelMs,
      toolMs: scope.toolMs,
      modelCalls: scope.modelCalls,
      toolCalls: scope.toolCalls,
      ...(failure ? { failure } : {}),
    });
  }

  private inputMessages(turn: TurnInput, state: ConversationState): BaseMessage[] {
    const memory = buildMemory(state.history, this.deps.memory);
    const messages: BaseMessage[] = [];
    const context = [memory.summary, turnContext(turn, state)].filter(Boolean).join('\n');
    for (const m of memory.recent)
      messages.push(m.role === 'user' ? new HumanMessage(m.text) : new AIMessage(m.text));
    // The context rides as a system message right before the new message, so it is always the freshest.
    messages.push(new SystemMessage(context));
    messages.push(new HumanMessage(userMessageOf(turn, state)));
    return messages;
  }

  /** Turns the run's new messages into a Reply, enforcing grounding, and updates the conversation state. */
  private finish(
    turn: TurnInput,
    state: ConversationState,
    produced: BaseMessage[],
    structured: Respond | undefined,
  ): Reply {
    const calls = new Map<string, { name: string; args: ToolArgs }>();
    for (const m of produced)
      if (AIMessage.isInstance(m))
        for (const c of m.tool_calls ?? []) if (c.id) calls.set(c.id, { name: c.name, args: c.args });

    const found = new Map<string, TrackCard>();
    let lastRecommend: TrackCard[] | undefined;
    const explained = new Set<string>();
    for (const m of produced) {
      if (!ToolMessage.isInstance(m) || m.status === 'error') continue;
      const call = calls.get(m.tool_call_id);
      const name = m.name ?? call?.name ?? '';
      if (SONG_TOOLS.has(name) && Array.isArray(m.artifact)) {
        const cards = m.artifact as TrackCard[];
        for (const c of cards) if (!found.has(c.id)) found.set(c.id, c);
        if (name === 'recommend') {
          lastRecommend = cards;
          if (call) applyRecommendArgs(call.args, state);
        }
      } else if (name === 'extract_emotions' && m.artifact) {
        state.reading = m.artifact as EmotionReading;
      } else if (name === 'summarize_lyrics' && m.artifact) {
        explained.add((m.artifact as LyricsSummary).trackId);
      }
    }

    let text = structured?.reply?.trim() ?? '';
    if (!text) {
      const last = [...produced].reverse().find((m) => AIMessage.isInstance(m) && m.text.trim());
      text = last?.text.trim() ?? '';
    }
    if (!text) throw new GroqError('bad_response', 'the model gave no reply');

    const shown = new Set(state.shownIds);
    const ids = structured?.track_ids ?? [];
    const unknown = ids.filter((id) => !found.has(id) && !state.lastCards.some((c) => c.id === id));
    if (unknown.length > 0)
      throw new GroqError('ungrounded', `respond listed ${unknown.length} track id(s) no tool returned`);
    let picked = ids.filter((id) => found.has(id)).map((id) => found.get(id)!);
    if (ids.length === 0 && lastRecommend) picked = lastRecommend;
    picked = [...new Map(picked.map((c) => [c.id, c])).values()]
      .filter((c) => !shown.has(c.id))
      .filter((c) => !dwellsOnSelfHarm(c, this.deps.catalog.get(c.id)?.summary))
      .slice(0, this.deps.songsPerReply)
      .map((c, i) => ({ ...c, rank: i + 1 }));

    const grounded = [...found.values(), ...state.lastCards];
    for (const id of explained) {
      const t = this.deps.catalog.get(id);
      if (t) grounded.push({ id, title: t.title, artists: t.artists } as TrackCard);
    }
    const offending = this.names.ungrounded(text, grounded, turn.text);
    if (offending.length > 0)
      throw new GroqError(
        'ungrounded',
        `the reply names ${offending.length} song(s) or link(s) no tool returned`,
      );

    if (leaksConfiguration(text, this.deps.secrets ?? [], SYSTEM_PROMPT)) {
      this.deps.logger.warn(
        { conversationId: turn.conversationId },
        'groq reply leaked configuration; replaced',
      );
      return this.say('info', INJECTION_TEXT);
    }

    if (picked.length > 0) {
      state.shownIds.push(...picked.map((c) => c.id));
      if (state.shownIds.length > 500) state.shownIds.splice(0, state.shownIds.length - 500);
      state.lastCards = picked;
      state.seedIds = [];
      state.pending = undefined;
      return this.say('songs', text, picked, songActions(state, picked));
    }
    const kind: ReplyKind = /\?\s*$/.test(text) ? 'question' : 'info';
    if (kind === 'question') state.askedClarification = true;
    return this.say(kind, text);
  }

  private feedback(value: 'up' | 'down', state: ConversationState): Reply {
    const ids = state.lastCards.map((c) => c.id);
    if (ids.length === 0) return this.say('info', "Thanks! Tell me how you feel and I'll find songs.");
    if (value === 'up') {
      state.likedIds = [...new Set([...state.likedIds, ...ids])].slice(-200);
      return this.say(
        'info',
        'Glad those landed. Want more like them?',
        [],
        [{ action: { type: 'more' }, label: 'More like these' }],
      );
    }
    state.dislikedIds = [...new Set([...state.dislikedIds, ...ids])].slice(-200);
    return this.say(
      'info',
      "Got it — I won't suggest those again. Tell me what would fit better?",
      [],
      [
        { action: { type: 'surprise' }, label: 'Surprise me' },
        { action: { type: 'calmer' }, label: 'Calmer' },
      ],
    );
  }

  private say(
    kind: ReplyKind,
    text: string,
    tracks: TrackCard[] = [],
    actions: Reply['actions'] = [],
  ): Reply {
    return { kind, text, tracks, actions, agent: this.name };
  }
}

/**
 * Adds what the conversation already decided to a song tool's arguments: everything shown or disliked is
 * excluded, and the person's limits apply unless the model set them itself. The model never has to copy
 * hundreds of ids (which would also cost tokens on every call).
 */
export function withConversationLimits(args: ToolArgs, state: ConversationState, limit: number): ToolArgs {
  const c = state.constraints;
  const given = Array.isArray(args.exclude_track_ids) ? (args.exclude_track_ids as string[]) : [];
  const exclude = [...new Set([...given, ...state.shownIds, ...state.dislikedIds])].slice(-200);
  const excludeArtists = [
    ...new Set([...((args.exclude_artists as string[] | undefined) ?? []), ...(c.excludeArtists ?? [])]),
  ];
  return {
    ...args,
    limit: typeof args.limit === 'number' ? Math.min(10, Math.max(args.limit, limit)) : limit,
    exclude_track_ids: exclude,
    ...(args.language === undefined && c.languages?.[0] ? { language: c.languages[0] } : {}),
    ...(args.genres === undefined && c.genres?.length ? { genres: c.genres } : {}),
    ...(excludeArtists.length ? { exclude_artists: excludeArtists.slice(0, 20) } : {}),
    ...(args.year_from === undefined && c.yearFrom !== undefined ? { year_from: c.yearFrom } : {}),
    ...(args.year_to === undefined && c.yearTo !== undefined ? { year_to: c.yearTo } : {}),
  };
}

/** Limits the model chose in `recommend` persist for the rest of the conversation, as the planner's do. */
function applyRecommendArgs(args: ToolArgs, state: ConversationState): void {
  if (typeof args.language === 'string') state.constraints.languages = [args.language];
  if (Array.isArray(args.genres) && args.genres.length) state.constraints.genres = args.genres as string[];
  if (Array.isArray(args.exclude_artists) && args.exclude_artists.length)
    state.constraints.excludeArtists = [
      ...new Set([...(state.constraints.excludeArtists ?? []), ...(args.exclude_artists as string[])]),
    ];
  if (typeof args.year_from === 'number') state.constraints.yearFrom = args.year_from;
  if (typeof args.year_to === 'number') state.constraints.yearTo = args.year_to;
  if (typeof args.goal === 'string') state.goal = args.goal as MoodGoal;
  if (typeof args.theme === 'string') state.theme = args.theme.slice(0, 500);
}

/**
 * Finds song and artist names in a reply that no tool returned: links, quoted titles followed by "by"/"—",
 * "by <Name>" credits, and any catalog title or artist. Names the person typed themselves are allowed.
 */
export class NameIndex {
  private readonly catalogNames = new Map<string, string>();

  constructor(catalog: Catalog) {
    for (const t of catalog.tracks) {
      for (const name of [t.title, ...t.artists]) {
        const key = foldName(name);
        if (key.length >= 4) this.catalogNames.set(key, name);
      }
    }
  }

  ungrounded(
    reply: string,
    grounded: readonly Pick<TrackCard, 'title' | 'artists' | 'spotifyUrl'>[],
    userText: string,
  ): string[] {
    const allowed = new Set<string>();
    for (const c of grounded) for (const n of [c.title, ...c.artists]) allowed.add(foldName(n));
    const urls = new Set(grounded.map((c) => c.spotifyUrl).filter(Boolean));
    const user = foldName(userText);
    const ok = (name: string) => {
      const key = foldName(name);
      if (!key) return true;
      if (allowed.has(key) || user.includes(key)) return true;
      for (const a of allowed) if (a.length >= 4 && (key.startsWith(a) || a.startsWith(key))) return true;
      return false;
    };
    const offending: string[] = [];
    for (const m of reply.matchAll(/https?:\/\/[^\s)>\]]+/g))
      if (!urls.has(m[0].replace(/[.,;!?]+$/, ''))) offending.push(m[0]);
    for (const m of reply.matchAll(/[“"«]([^”"»]{2,80})[”"»](\s+(?:by|de|—|–|-)\s+)?/g)) {
      const title = m[1]!;
      if (ok(title)) continue;
      if (m[2] || this.catalogNames.has(foldName(title))) offending.push(title);
    }
    for (const m of reply.matchAll(
      /\b(?:by|de)\s+((?:[A-Z0-9][\p{L}\p{N}'&.$!-]*)(?:\s+(?:[A-Z0-9&][\p{L}\p{N}'&.$!-]*|of|the|and|y|de|la|el)){0,4})/gu,
    )) {
      const name = m[1]!.replace(/[.,!?;:]+$/, '').replace(/\s+(of|the|and|y|de|la|el)$/i, '');
      if (!ok(name)) offending.push(name);
    }
    // Catalog names written in the reply (word n-grams up to 6 words).
    const words = reply.split(/[^\p{L}\p{N}'&$!.-]+/u).filter(Boolean);
    for (let i = 0; i < words.length; i++) {
      for (let n = 1; n <= 6 && i + n <= words.length; n++) {
        const phrase = words.slice(i, i + n).join(' ');
        if (!/^[\p{Lu}\p{N}]/u.test(phrase)) break;
        const key = foldName(phrase);
        if (this.catalogNames.has(key) && !ok(phrase)) offending.push(phrase);
      }
    }
    return [...new Set(offending)];
  }
}

function foldName(text: string): string {
  return foldText(text)
    .replace(/[^a-z0-9$&! ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface GroqSetup {
  agent: GroqAgent;
  limiter: GroqLimiter;
  close(): Promise<void>;
}

/**
 * Builds the Groq agent from configuration: one shared limiter, ChatGroq for the agent, a second ChatGroq
 * (temperature 0) behind the LLM emotion reader, and the agent's own tool set whose extract_emotions uses that
 * reader (the offline planner keeps the local reader, so falling back never touches Groq).
 */
export function createGroqSetup(options: {
  settings: GroqSettings;
  toolDeps: ToolDeps;
  catalog: Catalog;
  songsPerReply: number;
  logger: Logger;
  secrets: readonly string[];
  onTurn?: (stats: GroqTurnStats) => void;
  /** The fetch under the limiter (benchmarks count calls); default: global fetch. */
  fetch?: typeof fetch;
}): GroqSetup {
  const { settings, logger } = options;
  const log = logger.child({ component: 'agents.groq' });
  const limiter = new GroqLimiter({
    requestsPerMinute: settings.requestsPerMinute,
    tokensPerMinute: settings.tokensPerMinute,
    maxWaitMs: settings.maxWaitMs,
  });
  const extra = options.fetch ? { fetch: options.fetch } : {};
  let model: BaseChatModel | undefined;
  let tools: StructuredToolInterface[] = createTools(options.toolDeps);
  try {
    model = createGroqChatModel(settings, limiter, logger, {
      model: settings.largeModel ?? settings.model,
      ...extra,
    });
    const readerModel = createGroqChatModel(settings, limiter, logger, {
      temperature: 0,
      maxTokens: 300,
      ...extra,
    });
    const reader = new LlmEmotionReader(readerModel, options.toolDeps.reader, log);
    tools = createTools({ ...options.toolDeps, reader });
  } catch (error) {
    // Without a key the agent still exists and every turn falls back with reason `missing_key`.
    if (!(error instanceof GroqError)) throw error;
  }
  const agent = new GroqAgent({
    model,
    tools,
    catalog: options.catalog,
    limiter,
    songsPerReply: options.songsPerReply,
    logger: log,
    secrets: options.secrets,
    turnTimeoutMs: Math.max(settings.timeoutMs, 1000),
    // extract_emotions → (LLM reader) → recommend → respond: prepaying all four keeps admitted turns whole.
    expectedModelCalls: model ? 4 : 3,
    ...(options.onTurn ? { onTurn: options.onTurn } : {}),
  });
  return { agent, limiter, close: () => limiter.close() };
}
