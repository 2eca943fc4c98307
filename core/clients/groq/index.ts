export {
  createGroqChatModel,
  createLimitedFetch,
  estimateRequestTokens,
  GROQ_DEFAULT_BASE_URL,
  parseRetryAfterMs,
  type ChatModelOptions,
  type GroqSettings,
} from './client.js';
export { GroqBudgetError, GroqError, toGroqError, type GroqFailureReason } from './errors.js';
export { GroqLimiter, type GroqLease, type GroqLimiterOptions } from './limiter.js';
export { GroqLyricsSummarizer, quotesLyrics } from './lyrics-summarizer.js';
