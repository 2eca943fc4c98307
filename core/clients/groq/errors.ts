import { AppError, GroqBudgetError, GroqError, UpstreamError, type GroqFailureReason } from '../../errors.js';

export { GroqBudgetError, GroqError, type GroqFailureReason };

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
