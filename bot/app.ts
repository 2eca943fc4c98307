import type { Logger } from 'pino';
import { MemoryConversationStore, type ConversationStore } from '../agents/conversation-store.js';
import { OfflinePlanner } from '../agents/planner/offline-planner.js';
import { TurnHandler } from '../agents/turn-handler.js';
import type { ChatAgent } from '../agents/types.js';
import type { CoreServices } from '../core/runtime.js';
import { createTools } from '../tools/index.js';

export interface App {
  core: CoreServices;
  turns: TurnHandler;
  store: ConversationStore;
  planner: OfflinePlanner;
  agent: ChatAgent;
  tools: ReturnType<typeof createTools>;
  logger: Logger;
  close(): Promise<void>;
}

/** Wires tools, agents and the turn handler over the core services. */
export function createApp(core: CoreServices): App {
  const { config, logger } = core;
  const tools = createTools({
    reader: core.reader,
    index: core.index,
    embedder: core.embedder,
    recommender: core.recommender,
  });
  const planner = new OfflinePlanner({ tools, catalog: core.catalog, songsPerReply: config.songsPerReply });
  const store = new MemoryConversationStore({ ttlMs: config.conversationTtlMs, maxConversations: 10_000 });
  const agent: ChatAgent = planner;
  const turns = new TurnHandler({
    store,
    agent,
    fallback: planner,
    logger: logger.child({ component: 'agents.turns' }),
  });
  return {
    core,
    turns,
    store,
    planner,
    agent,
    tools,
    logger,
    close: () => core.close(),
  };
}
