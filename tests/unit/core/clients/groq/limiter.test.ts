import { afterEach, describe, expect, it } from 'vitest';
import { GroqBudgetError } from '../../../../../core/clients/groq/errors.js';
import { GroqLimiter } from '../../../../../core/clients/groq/limiter.js';

describe('GroqLimiter', () => {
  const limiters: GroqLimiter[] = [];
  const make = (o: Partial<ConstructorParameters<typeof GroqLimiter>[0]> = {}) => {
    const l = new GroqLimiter({ requestsPerMinute: 30, tokensPerMinute: 6000, maxWaitMs: 4000, ...o });
    limiters.push(l);
    return l;
  };
  afterEach(async () => {
    await Promise.all(limiters.splice(0).map((l) => l.close()));
  });

  it('runs requests while the requests/min bucket has room', async () => {
    const limiter = make({ requestsPerMinute: 5 });
    const results = await Promise.all([1, 2, 3].map((i) => limiter.schedule(10, () => Promise.resolve(i))));
    expect(results).toEqual([1, 2, 3]);
  });

  it('fails fast, without running the task, once waiting would exceed the wait budget', async () => {
    const limiter = make({ requestsPerMinute: 2, maxWaitMs: 1000 });
    let ran = 0;
    const task = () => Promise.resolve(++ran);
    await limiter.schedule(10, task);
    await limiter.schedule(10, task);
    await expect(limiter.schedule(10, task)).rejects.toBeInstanceOf(GroqBudgetError);
    expect(ran).toBe(2);
  });

  it('charges tokens and corrects the estimate with the reported usage', async () => {
    const limiter = make({ tokensPerMinute: 1000, maxWaitMs: 500 });
    await limiter.schedule(900, (charge) => Promise.resolve(charge.settle(100)));
    expect(limiter.tokensUsed()).toBe(100);
    await limiter.schedule(800, () => Promise.resolve());
    await expect(limiter.schedule(300, () => Promise.resolve())).rejects.toMatchObject({
      reason: 'rate_limited',
    });
  });

  it('lets tokens back in when the one-minute window slides', async () => {
    let now = 1_000_000;
    const limiter = make({ tokensPerMinute: 1000, maxWaitMs: 0, now: () => now });
    await limiter.schedule(1000, () => Promise.resolve());
    expect(await limiter.predictWaitMs(1, 500)).toBeGreaterThan(0);
    now += 60_001;
    expect(await limiter.predictWaitMs(1, 500)).toBe(0);
  });

  it('blocks everyone for a Retry-After and reports it', async () => {
    const limiter = make({ maxWaitMs: 1000 });
    limiter.block(30_000);
    expect(limiter.blockedForMs()).toBeGreaterThan(29_000);
    await expect(limiter.schedule(10, () => Promise.resolve())).rejects.toBeInstanceOf(GroqBudgetError);
    await expect(limiter.admit(1)).rejects.toBeInstanceOf(GroqBudgetError);
  });

  it('admits turns one at a time: a burst cannot overdraw the bucket', async () => {
    const limiter = make({ requestsPerMinute: 6, maxWaitMs: 1000, tokensPerMinute: 1e9 });
    const outcomes = await Promise.allSettled(Array.from({ length: 5 }, () => limiter.admit(3)));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(2);
    expect(outcomes.filter((o) => o.status === 'rejected')).toHaveLength(3);
  });

  it('serves prepaid requests inside a lease even when the bucket is empty, and returns unused ones', async () => {
    const limiter = make({ requestsPerMinute: 3, maxWaitMs: 100, tokensPerMinute: 1e9 });
    const lease = await limiter.admit(3);
    await expect(limiter.schedule(10, () => Promise.resolve())).rejects.toBeInstanceOf(GroqBudgetError);
    const inside = await limiter.withLease(lease, () => limiter.schedule(10, () => Promise.resolve('ok')));
    expect(inside).toBe('ok');
    expect(lease.remaining).toBe(2);
    await limiter.release(lease);
    await expect(limiter.schedule(10, () => Promise.resolve('again'))).resolves.toBe('again');
  });

  it('keeps only the tokens a lease actually used', async () => {
    const limiter = make({ tokensPerMinute: 100_000, initialRequestTokens: 2000 });
    const lease = await limiter.admit(3);
    expect(limiter.tokensUsed()).toBe(6000);
    await limiter.withLease(lease, () => limiter.schedule(10, (c) => Promise.resolve(c.settle(700))));
    await limiter.release(lease);
    expect(limiter.tokensUsed()).toBe(700);
  });
});
