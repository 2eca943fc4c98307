import { AppError, UpstreamError } from '../../errors.js';

/**
 * Why a Groq turn gave up and the offline planner answered. Logged and counted; never carries secrets.
 * - `missing_key`: no GROQ_API_KEY; `unauthorized`: 401/403 (bad or revoked key)
 * - `rate_limited`: a 429 whose Retry-After exceeds the wait budget, or our own budget would make the caller wait
 *   longer than GROQ_MAX_WAIT_MS
 * - `server_error`: 5xx; `timeout`: request or turn deadline; `network`: connection refused/reset
 * - `bad_response`: the API answered something we cannot use (400, malformed body)
 * - `malformed_tool_args`: the model produced unparsable tool arguments (or an unknown tool) twice
 * - `ungrounded`: the final answer named songs or links that no tool returned
 */
export type GroqFailureReason =
  | 'missing_key'
  | 'unauthorized'
  | 'rate_limited'
  | 'server_error'
  | 'timeout'
  | 'network'
  | 'bad_response'
  | 'malformed_tool_args'
  | 'ungrounded';

/** A Groq call or turn failed in a way the caller answers with the fallback. `reason` is what gets counted. */
export class GroqError extends UpstreamError {
  constructor(
    readonly reason: GroqFailureReason,
    message: string,
    details: { status?: number; retryAfterMs?: number; body?: string; cause?: unknown } = {},
  ) {
    super('groq', message, details);
  }
}

/** Thrown by the limiter before any request is sent: waiting for budget would exceed the wait budget. */
export class GroqBudgetError extends GroqError {
  constructor(readonly waitMs: number) {
    // The message avoids the words "time out": groq-sdk turns fetch errors that mention them into a
    // cause-less APIConnectionTimeoutError, and we want to keep this class visible through its `cause`.
    super('rate_limited', `rate budget exhausted (would wait ${Math.round(waitMs)} ms)`, {
      status: 429,
      retryAfterMs: Math.round(waitMs),
    });
  }
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/**
 * Maps whatever a Groq call threw (groq-sdk APIError subclasses, our limiter errors wrapped by groq-sdk or
 * LangChain, abort/timeout errors) to a GroqError with a reason. Walks the `cause` chain, because groq-sdk
 * wraps fetch failures in APIConnectionError and LangChain wraps middleware failures in MiddlewareError.
 */
export function toGroqError(error: unknown): GroqError {
  const chain: unknown[] = [];
  for (let e: unknown = error, depth = 0; e && depth < 8; depth++) {
    chain.push(e);
    e = (e as { cause?: unknown }).cause;
  }
  const own = chain.find((e): e is GroqError => e instanceof GroqError);
  if (own) return own;
  for (const e of chain) {
    const status = statusOf(e);
    // groq-sdk's error classes do not set `name`; their constructor names are what identify them.
    const name = `${(e as { name?: string }).name ?? ''} ${(e as object).constructor?.name ?? ''}`;
    const message = e instanceof Error ? e.message : String(e);
    if (status === 401 || status === 403)
      return new GroqError('unauthorized', `rejected the API key (${status})`, { status, cause: e });
    if (status === 429) {
      const retry = (e as { headers?: { get?: (k: string) => string | null } }).headers?.get?.('retry-after');
      const retryAfterMs = retry && Number.isFinite(Number(retry)) ? Number(retry) * 1000 : undefined;
      return new GroqError('rate_limited', 'rate limited (429)', {
        status,
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
        cause: e,
      });
    }
    if (status !== undefined && status >= 500)
      return new GroqError('server_error', `server error (${status})`, { status, cause: e });
    if (/\b(APIConnectionTimeoutError|TimeoutError)\b/.test(name) || /timed? ?out/i.test(message))
      return new GroqError('timeout', 'request timed out', { cause: e });
    if (/\b(AbortError|APIUserAbortError)\b/.test(name))
      return new GroqError('timeout', 'turn deadline reached', { cause: e });
    if (status !== undefined)
      return new GroqError('bad_response', `unusable response (${status})`, { status, cause: e });
    if (/\bAPIConnectionError\b/.test(name))
      return new GroqError('network', 'connection failed', { cause: e });
  }
  if (error instanceof AppError && !(error instanceof UpstreamError)) {
    return new GroqError('bad_response', error.message, { cause: error });
  }
  return new GroqError('bad_response', error instanceof Error ? error.name : 'unknown failure', {
    cause: error,
  });
}
