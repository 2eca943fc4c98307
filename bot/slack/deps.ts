import type { Logger } from 'pino';
import type { TurnHandler } from '../../agents/turn-handler.js';
import type { SlidingWindowLimiter } from '../rate-limit.js';
import type { RecentKeys } from './dedupe.js';

/** What every Slack listener needs; built once in `main.ts` and passed to `registerListeners`. */
export interface SlackDeps {
  turns: Pick<TurnHandler, 'handle' | 'hasConversation'>;
  logger: Logger;
  /** Event ids and message keys already answered (Slack redelivers events it thinks we missed). */
  seen: RecentKeys;
  /** Turns per person (key `team:user`). */
  limiter: SlidingWindowLimiter;
  fetch: typeof fetch;
}
