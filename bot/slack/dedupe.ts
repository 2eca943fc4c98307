/**
 * Keys seen recently (event ids, message timestamps), bounded in time and size, so a redelivered Slack event is
 * answered once. Insertion order is age order, so expiry and eviction both drop from the front.
 */
export class RecentKeys {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly options: { ttlMs: number; maxKeys: number; now?: () => number } = {
      ttlMs: 30 * 60_000,
      maxKeys: 20_000,
    },
  ) {}

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  /** True the first time a key is offered within the time-to-live; false for every repeat. */
  firstTime(key: string): boolean {
    const now = this.now();
    for (const [k, at] of this.seen) {
      if (now - at < this.options.ttlMs) break;
      this.seen.delete(k);
    }
    if (this.seen.has(key)) return false;
    this.seen.set(key, now);
    while (this.seen.size > this.options.maxKeys) this.seen.delete(this.seen.keys().next().value!);
    return true;
  }

  get size(): number {
    return this.seen.size;
  }
}
