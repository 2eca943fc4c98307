import { describe, expect, it } from 'vitest';
import { RecentKeys } from '../../../../bot/slack/dedupe.js';

describe('RecentKeys', () => {
  it('accepts a key once within the time-to-live', () => {
    let now = 0;
    const keys = new RecentKeys({ ttlMs: 1000, maxKeys: 10, now: () => now });
    expect(keys.firstTime('Ev1')).toBe(true);
    expect(keys.firstTime('Ev1')).toBe(false);
    now = 999;
    expect(keys.firstTime('Ev1')).toBe(false);
    now = 2000;
    expect(keys.firstTime('Ev1')).toBe(true);
  });

  it('stays bounded, forgetting the oldest keys first', () => {
    const keys = new RecentKeys({ ttlMs: 60_000, maxKeys: 3, now: () => 0 });
    for (const k of ['a', 'b', 'c', 'd']) keys.firstTime(k);
    expect(keys.size).toBe(3);
    expect(keys.firstTime('d')).toBe(false);
    expect(keys.firstTime('a')).toBe(true);
  });
});
