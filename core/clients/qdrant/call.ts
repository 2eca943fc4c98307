import { QdrantClientResourceExhaustedError, QdrantClientTimeoutError } from '@qdrant/js-client-rest';
import type { Logger } from 'pino';
import { UpstreamError } from '../../errors.js';

export const SERVICE = 'qdrant';

export interface RetryOptions {
  /** Extra attempts after the first (default 4). */
  retries?: number;
  /** First back-off in ms, doubled each attempt with jitter (default 250). */
  baseDelayMs?: number;
  /** Longest single back-off in ms (default 5000). */
  maxDelayMs?: number;
  /** Request timeout the client was built with, only for messages. */
  timeoutMs?: number;
  logger?: Logger;
  /** Replaceable for tests. */
  sleep?: (ms: number) => Promise<void>;
}

/** What the client throws for a non-2xx answer (openapi-typescript-fetch's ApiError, not exported by the client). */
interface HttpFailure {
  status: number;
  data: unknown;
}

function isHttpFailure(error: unknown): error is HttpFailure & Error {
  return (
    error instanceof Error &&
    typeof (error as Partial<HttpFailure>).status === 'number' &&
    'data' in error &&
    'url' in error
  );
}

/** Qdrant's error body is `{status: {error: "…"}, time}`; auth failures are plain text. */
function serverMessage(data: unknown): string {
  if (typeof data === 'string') return data.trim().slice(0, 300);
  const status = (data as { status?: unknown } | null | undefined)?.status;
  if (status && typeof status === 'object' && typeof (status as { error?: unknown }).error === 'string')
    return (status as { error: string }).error;
  return data === undefined ? '' : JSON.stringify(data).slice(0, 300);
}

function networkCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as NodeJS.ErrnoException).code;
    if (typeof code === 'string') return code;
    current = current.cause;
  }
  return undefined;
}

/**
 * Turns whatever the client threw into an UpstreamError with a message a person can act on. Never includes
 * request headers (the API key travels in `api-key`), only the status and Qdrant's own error text.
 */
export function toUpstreamError(what: string, error: unknown, options: RetryOptions = {}): UpstreamError {
  if (error instanceof UpstreamError) return error;
  if (error instanceof QdrantClientTimeoutError) {
    return new UpstreamError(
      SERVICE,
      `${what} timed out${options.timeoutMs ? ` after ${options.timeoutMs} ms` : ''}`,
    );
  }
  if (error instanceof QdrantClientResourceExhaustedError) {
    return new UpstreamError(SERVICE, `${what}: rate limited`, {
      status: 429,
      retryAfterMs: error.retry_after * 1000,
    });
  }
  if (isHttpFailure(error)) {
    const text = serverMessage(error.data);
    if (error.status === 401 || error.status === 403) {
      return new UpstreamError(
        SERVICE,
        `${what}: Qdrant refused the API key (HTTP ${error.status}${text ? `: ${text}` : ''}). ` +
          'Check QDRANT_API_KEY (it must be the key configured on the Qdrant server; leave it empty if the server has none).',
        { status: error.status, body: text },
      );
    }
    return new UpstreamError(SERVICE, `${what}: HTTP ${error.status}${text ? ` — ${text}` : ''}`, {
      status: error.status,
      body: text,
    });
  }
  const code = networkCode(error);
  if (code) {
    return new UpstreamError(SERVICE, `${what}: Qdrant is unreachable (${code})`, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new UpstreamError(SERVICE, `${what}: ${message.split('\n')[0]}`, { cause: error });
}

/** Outages worth retrying: no answer, timeouts, 429 and 5xx. Wrong input, auth and 404 are not. */
export function isTransient(error: UpstreamError): boolean {
  const status = error.status;
  return status === undefined || status === 429 || status >= 500;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs one Qdrant call, retrying transient failures with exponential back-off and jitter (honouring
 * Retry-After on 429). Every call we retry is idempotent: upserts use deterministic point ids.
 */
export async function callQdrant<T>(
  what: string,
  run: () => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const retries = options.retries ?? 4;
  const base = options.baseDelayMs ?? 250;
  const max = options.maxDelayMs ?? 5000;
  const sleep = options.sleep ?? defaultSleep;
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (raw) {
      const error = toUpstreamError(what, raw, options);
      if (attempt >= retries || !isTransient(error)) throw error;
      const backoff = Math.min(max, base * 2 ** attempt) * (0.5 + Math.random() / 2);
      const delay = Math.min(Math.max(backoff, error.retryAfterMs ?? 0), Math.max(max, 30_000));
      options.logger?.warn(
        {
          attempt: attempt + 1,
          retries,
          delayMs: Math.round(delay),
          status: error.status,
          reason: error.message,
        },
        'qdrant call failed; retrying',
      );
      await sleep(delay);
    }
  }
}
