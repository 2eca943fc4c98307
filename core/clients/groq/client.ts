import { ChatGroq } from '@langchain/groq';
import type { Logger } from 'pino';
import type { Config } from '../../config/index.js';
import { GroqError } from './errors.js';
import type { GroqLimiter } from './limiter.js';

export type GroqSettings = Config['groq'];

/** Groq's public API root. groq-sdk appends `/openai/v1/chat/completions` to it (see its chat resource). */
export const GROQ_DEFAULT_BASE_URL = 'https://api.groq.com';

/** Rough token count of a request body: ~4 characters a token, plus room for the answer. */
export function estimateRequestTokens(body: string, completionTokens = 300): number {
  return Math.ceil(body.length / 4) + completionTokens;
}

/** Seconds or an HTTP date, as Retry-After allows; `retry-after-ms` wins when present. */
export function parseRetryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const ms = headers.get('retry-after-ms');
  if (ms && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const value = headers.get('retry-after');
  if (!value) return undefined;
  if (Number.isFinite(Number(value))) return Math.max(0, Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function abortableSleep(ms: number, signal: AbortSignal | null | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export interface LimitedFetchOptions {
  limiter: GroqLimiter;
  logger: Logger;
  /** The underlying fetch (default: the global one). */
  fetch?: typeof fetch;
}

/**
 * The fetch groq-sdk uses: every request goes through the shared limiter, a 429 blocks the limiter for its
 * Retry-After and is retried once when that fits the wait budget (otherwise groq-sdk sees the 429 and throws
 * RateLimitError), and each response's `usage.total_tokens` corrects the token estimate.
 */
export function createLimitedFetch(options: LimitedFetchOptions): typeof fetch {
  const base = options.fetch ?? globalThis.fetch;
  const log = options.logger;
  const { limiter } = options;
  return async (input, init) => {
    const body = typeof init?.body === 'string' ? init.body : '';
    return limiter.schedule(estimateRequestTokens(body), async (charge) => {
      const started = Date.now();
      for (let attempt = 0; ; attempt++) {
        const response = await base(input, init);
        if (response.status === 429) {
          const retryAfterMs = parseRetryAfterMs(response.headers) ?? 1000;
          limiter.block(retryAfterMs);
          const spent = Date.now() - started;
          const fits = retryAfterMs + spent <= limiter.options.maxWaitMs;
          log.warn(
            { status: 429, retryAfterMs, attempt, retrying: attempt === 0 && fits },
            'groq rate limited',
          );
          if (attempt === 0 && fits) {
            await response.body?.cancel().catch(() => undefined);
            await abortableSleep(retryAfterMs, init?.signal);
            continue;
          }
          return response;
        }
        if (response.ok) {
          // Reads a copy so groq-sdk still gets an unread body.
          response
            .clone()
            .json()
            .then((json: unknown) => {
              const total = (json as { usage?: { total_tokens?: unknown } } | null)?.usage?.total_tokens;
              if (typeof total === 'number') charge.settle(total);
            })
            .catch(() => undefined);
        }
        return response;
      }
    });
  };
}

export interface ChatModelOptions {
  /** Defaults to the configured fast model. */
  model?: string;
  temperature?: number;
  maxTokens?: number;
  /** The underlying fetch (tests may count calls); requests still go through the limiter. */
  fetch?: typeof fetch;
}

/**
 * A ChatGroq whose HTTP goes through the shared limiter. Retries are ours (one, on 429 within budget): both
 * ChatGroq's AsyncCaller (6 by default) and groq-sdk (2 by default) are set to 0, or a 429 would be retried
 * for tens of seconds behind our back.
 * Throws GroqError('missing_key') without a key so callers can fall back uniformly.
 */
export function createGroqChatModel(
  settings: GroqSettings,
  limiter: GroqLimiter,
  logger: Logger,
  options: ChatModelOptions = {},
): ChatGroq {
  if (!settings.apiKey) throw new GroqError('missing_key', 'GROQ_API_KEY is not set');
  return new ChatGroq({
    apiKey: settings.apiKey,
    model: options.model ?? settings.model,
    // Passed explicitly so groq-sdk never falls back to reading GROQ_BASE_URL itself.
    baseUrl: settings.baseUrl ?? GROQ_DEFAULT_BASE_URL,
    timeout: settings.timeoutMs,
    maxRetries: 0,
    temperature: options.temperature ?? 0.4,
    maxTokens: options.maxTokens ?? 600,
    fetch: createLimitedFetch({
      limiter,
      logger: logger.child({ component: 'clients.groq' }),
      ...(options.fetch ? { fetch: options.fetch } : {}),
    }),
  });
}
