import type { Logger } from 'pino';
import { MemoryConversationStore, type ConversationStore } from '../agents/conversation-store.js';
import type { GroqSetup } from '../agents/groq-agent.js';
import { OfflinePlanner } from '../agents/planner/offline-planner.js';
import { TurnHandler } from '../agents/turn-handler.js';
import type { ChatAgent } from '../agents/types.js';
import { secretValues } from '../core/config/index.js';
import type { CoreServices } from '../core/runtime.js';
import { createTools } from '../tools/index.js';

export interface App {
  core: CoreServices;
  turns: TurnHandler;
  store: ConversationStore;
  planner: OfflinePlanner;
  agent: ChatAgent;
  tools: ReturnType<typeof createTools>;
  /** The Groq agent's limiter and client when GROQ_API_KEY is set. */
  groq: GroqSetup | undefined;
  /** Turns answered by the fallback, by reason (e.g. `rate_limited`, `ungrounded`). */
  fallbacks: Map<string, number>;
  logger: Logger;
  close(): Promise<void>;
}

/** Wires tools, agents and the turn handler over the core services. */
export async function createApp(core: CoreServices): Promise<App> {
  const { config, logger } = core;
  const toolDeps = {
    reader: core.reader,
    index: core.index,
    embedder: core.embedder,
    recommender: core.recommender,
    catalog: core.catalog,
    als: core.als,
  };
  const tools = createTools(toolDeps);
  const planner = new OfflinePlanner({ tools, catalog: core.catalog, songsPerReply: config.songsPerReply });
  const store = new MemoryConversationStore({ ttlMs: config.conversationTtlMs, maxConversations: 10_000 });
  // With a Groq key every channel talks to the Groq agent; the offline planner answers whenever it fails.
  // Imported only when used: LangChain's agent runtime adds about a second to start-up.
  const groq = config.groq.apiKey
    ? (await import('../agents/groq-agent.js')).createGroqSetup({
        settings: config.groq,
        toolDeps,
        catalog: core.catalog,
        songsPerReply: config.songsPerReply,
        logger,
        secrets: secretValues(config),
      })
    : undefined;
  const agent: ChatAgent = groq?.agent ?? planner;
  const fallbacks = new Map<string, number>();
  const turns = new TurnHandler({
    store,
    agent,
    fallback: planner,
    logger: logger.child({ component: 'agents.turns' }),
    onFallback: (reason) => fallbacks.set(reason, (fallbacks.get(reason) ?? 0) + 1),
  });
  return {
    core,
    turns,
    store,
    planner,
    agent,
    tools,
    groq,
    fallbacks,
    logger,
    close: async () => {
      await groq?.close();
      await core.close();
    },
  };
}
