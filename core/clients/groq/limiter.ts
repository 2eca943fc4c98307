import { AsyncLocalStorage } from 'node:async_hooks';
import Bottleneck from 'bottleneck';
import { GroqBudgetError } from './errors.js';

export interface GroqLimiterOptions {
  /** Requests per minute (Groq free tier: 30). Refilled smoothly: one every 60000/rpm ms, bursts up to rpm. */
  requestsPerMinute: number;
  /** Tokens per minute over a sliding 60 s window (free tier: about 6000 for the small models). */
  tokensPerMinute: number;
  /** Longest a caller may wait for budget (including a server's Retry-After); beyond it we fail fast. */
  maxWaitMs: number;
  /** Concurrent requests in flight (default 8). */
  maxConcurrent?: number;
  /** Tokens a request is assumed to use before any response has been seen (default 1500). */
  initialRequestTokens?: number;
  now?: () => number;
}

/** Requests prepaid for one turn, so a turn that was admitted is not starved halfway by other turns. */
export interface GroqLease {
  /** Prepaid requests not yet used. */
  remaining: number;
  /** Tokens actually used by the lease's requests so far (from `usage`). */
  used: number;
  /** The window entry holding the tokens reserved at admission; set to `used` on release. */
  readonly entry: { at: number; tokens: number };
}

const WINDOW_MS = 60_000;

/**
 * The one rate limiter for Groq, shared by every model client (agent, emotion reader, summarizer). A bottleneck
 * reservoir is the requests/min token bucket; tokens/min is a sliding window fed with each response's `usage`;
 * a 429's Retry-After blocks everyone until it passes. A caller whose predicted wait exceeds `maxWaitMs` gets a
 * GroqBudgetError at once, so the turn falls back instead of hanging in a queue.
 */
export class GroqLimiter {
  private readonly bottleneck: Bottleneck;
  private readonly intervalMs: number;
  private readonly window: { at: number; tokens: number }[] = [];
  private blockedUntil = 0;
  private waiting = 0;
  private admitting: Promise<unknown> = Promise.resolve();
  private requestTokens: number;
  private readonly leases = new AsyncLocalStorage<GroqLease>();

  constructor(readonly options: GroqLimiterOptions) {
    const rpm = Math.max(1, options.requestsPerMinute);
    this.intervalMs = WINDOW_MS / rpm;
    this.requestTokens = options.initialRequestTokens ?? 1500;
    this.bottleneck = new Bottleneck({
      reservoir: rpm,
      reservoirIncreaseAmount: 1,
      reservoirIncreaseInterval: Math.max(1, Math.round(this.intervalMs)),
      reservoirIncreaseMaximum: rpm,
      maxConcurrent: options.maxConcurrent ?? 8,
    });
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  private tokensInWindow(now: number): number {
    while (this.window.length > 0 && now - this.window[0]!.at >= WINDOW_MS) this.window.shift();
    return this.window.reduce((sum, e) => sum + e.tokens, 0);
  }

  /** How long until `tokens` more fit in the window (0 when they fit now). */
  private tokenWaitMs(tokens: number, now: number): number {
    const budget = this.options.tokensPerMinute;
    let used = this.tokensInWindow(now);
    if (used + tokens <= budget) return 0;
    // Tokens larger than the whole budget never fit; let them through alone rather than blocking forever.
    if (tokens >= budget && used === 0) return 0;
    for (const entry of this.window) {
      used -= entry.tokens;
      if (used + tokens <= budget) return entry.at + WINDOW_MS - now;
    }
    return WINDOW_MS;
  }

  /** Predicted wait before `requests` more requests of `tokens` tokens could start. */
  async predictWaitMs(requests: number, tokens: number): Promise<number> {
    const now = this.now();
    const reservoir = (await this.bottleneck.currentReservoir()) ?? Number.POSITIVE_INFINITY;
    const ahead = this.waiting + requests;
    const requestWait = ahead <= reservoir ? 0 : (ahead - reservoir) * this.intervalMs;
    return Math.max(requestWait, this.tokenWaitMs(tokens, now), this.blockedUntil - now, 0);
  }

  /**
   * Admits a turn expected to make `requests` calls: prepays them from the bucket and reserves their tokens
   * (at the running average per request), or throws GroqBudgetError when that would take longer than the wait
   * budget. Calls made inside `withLease(lease, …)` use the prepaid requests and reserved tokens first.
   * Admissions are decided one at a time, so a burst cannot all see the same full bucket.
   */
  admit(requests: number): Promise<GroqLease> {
    const decision = this.admitting.then(async () => {
      const tokens = Math.round(requests * this.requestTokens);
      const wait = await this.predictWaitMs(requests, tokens);
      if (wait > this.options.maxWaitMs) throw new GroqBudgetError(wait);
      const entry = { at: this.now(), tokens };
      this.window.push(entry);
      this.waiting += requests;
      return entry;
    });
    this.admitting = decision.catch(() => undefined);
    return decision.then(async (entry) => {
      try {
        await this.bottleneck.schedule({ weight: requests }, () => Promise.resolve());
      } finally {
        this.waiting -= requests;
      }
      return { remaining: requests, used: 0, entry };
    });
  }

  /** Gives unused prepaid requests back to the bucket and keeps only the tokens actually used. */
  async release(lease: GroqLease): Promise<void> {
    lease.entry.tokens = lease.used;
    if (lease.remaining <= 0) return;
    const back = lease.remaining;
    lease.remaining = 0;
    const current = (await this.bottleneck.currentReservoir()) ?? 0;
    const room = this.options.requestsPerMinute - current;
    if (room > 0) await this.bottleneck.incrementReservoir(Math.min(room, back));
  }

  withLease<T>(lease: GroqLease, fn: () => Promise<T>): Promise<T> {
    return this.leases.run(lease, fn);
  }

  /**
   * Runs one request when budget allows. `estimatedTokens` is charged up front and corrected by `settle`.
   * Throws GroqBudgetError without calling `task` when the wait would exceed `maxWaitMs`.
   */
  async schedule<T>(
    estimatedTokens: number,
    task: (charge: { settle(actualTokens: number): void }) => Promise<T>,
  ): Promise<T> {
    const lease = this.leases.getStore();
    const prepaid = lease !== undefined && lease.remaining > 0;
    // A prepaid request's tokens were reserved at admission; only a server's Retry-After can hold it back.
    const wait = prepaid
      ? Math.max(this.blockedUntil - this.now(), 0)
      : await this.predictWaitMs(1, estimatedTokens);
    if (wait > this.options.maxWaitMs) throw new GroqBudgetError(wait);
    if (prepaid) lease.remaining--;
    else this.waiting++;
    let started = false;
    try {
      return await this.bottleneck.schedule({ weight: prepaid ? 0 : 1 }, async () => {
        started = true;
        if (!prepaid) this.waiting--;
        const now = this.now();
        const pause = Math.max(this.blockedUntil - now, prepaid ? 0 : this.tokenWaitMs(estimatedTokens, now));
        if (pause > 0) await sleep(pause);
        const entry = prepaid ? undefined : { at: this.now(), tokens: estimatedTokens };
        if (entry) this.window.push(entry);
        return task({
          settle: (actual) => {
            if (!Number.isFinite(actual) || actual < 0) return;
            this.requestTokens = 0.7 * this.requestTokens + 0.3 * actual;
            if (entry) entry.tokens = actual;
            else if (lease) {
              lease.used += actual;
              lease.entry.tokens = Math.max(lease.entry.tokens, lease.used);
            }
          },
        });
      });
    } finally {
      if (!started && !prepaid) this.waiting--;
    }
  }

  /** A server said "retry after": nobody sends until then. */
  block(retryAfterMs: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, this.now() + retryAfterMs);
  }

  /** Milliseconds until a 429's Retry-After has passed (0 when not blocked). */
  blockedForMs(): number {
    return Math.max(0, this.blockedUntil - this.now());
  }

  /** Tokens charged in the last minute (for logs and tests). */
  tokensUsed(): number {
    return this.tokensInWindow(this.now());
  }

  async close(): Promise<void> {
    await this.bottleneck.stop({ dropWaitingJobs: true }).catch(() => undefined);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
