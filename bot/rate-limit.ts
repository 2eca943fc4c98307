/**
 * A per-key sliding-window limiter (e.g. 6 turns a minute per user). In memory: limits are per process,
 * which is what a single bot instance needs.
 */
export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly options: { limit: number; windowMs: number; now?: () => number; maxKeys?: number },
  ) {}

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  /** Records a hit and returns whether it is allowed; when not, how long until the next one is. */
  take(key: string): { allowed: true } | { allowed: false; retryAfterMs: number } {
    const now = this.now();
    const since = now - this.options.windowMs;
    const recent = (this.hits.get(key) ?? []).filter((t) => t > since);
    if (recent.length >= this.options.limit) {
      this.hits.set(key, recent);
      return { allowed: false, retryAfterMs: Math.max(0, recent[0]! + this.options.windowMs - now) };
    }
    recent.push(now);
    this.hits.delete(key);
    this.hits.set(key, recent);
    const maxKeys = this.options.maxKeys ?? 50_000;
    while (this.hits.size > maxKeys) this.hits.delete(this.hits.keys().next().value!);
    return { allowed: true };
  }
}

/** The kind message shown when someone is over the limit. */
export function rateLimitedText(retryAfterMs: number): string {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return `You're going fast! Give me ${seconds} second${seconds === 1 ? '' : 's'} and try again — I want each answer to be a good one.`;
}
