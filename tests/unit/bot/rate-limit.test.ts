import { describe, expect, it } from 'vitest';
import { rateLimitedText, SlidingWindowLimiter } from '../../../bot/rate-limit.js';

describe('SlidingWindowLimiter', () => {
  it('allows up to the limit within the window, then refuses with the time until a slot frees', () => {
    let now = 1_000;
    const limiter = new SlidingWindowLimiter({ limit: 3, windowMs: 60_000, now: () => now });
    expect([1, 2, 3].map(() => limiter.take('u').allowed)).toEqual([true, true, true]);
    now += 10_000;
    const refused = limiter.take('u');
    expect(refused).toEqual({ allowed: false, retryAfterMs: 50_000 });
    expect(limiter.take('other').allowed).toBe(true);
    now = 61_001;
    expect(limiter.take('u').allowed).toBe(true);
  });

  it('forgets the oldest keys beyond maxKeys', () => {
    const limiter = new SlidingWindowLimiter({ limit: 1, windowMs: 60_000, now: () => 0, maxKeys: 2 });
    limiter.take('a');
    limiter.take('b');
    limiter.take('c');
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('c').allowed).toBe(false);
  });

  it.each([
    [500, '1 second'],
    [1500, '2 seconds'],
  ])('says how long to wait (%i ms → %s)', (ms, text) => {
    expect(rateLimitedText(ms)).toContain(text);
  });
});
