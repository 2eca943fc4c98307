import { describe, expect, it } from 'vitest';
import { buildMemory, estimateTokens, type MemoryTurn } from '../../../agents/memory.js';

const turns = (n: number, chars = 200): MemoryTurn[] =>
  Array.from({ length: n }, (_, i) => ({
    role: i % 2 === 0 ? 'user' : 'assistant',
    text: `${i % 2 === 0 ? 'user' : 'bot'} message ${i} `.padEnd(chars, 'x'),
  }));

describe('buildMemory', () => {
  it('keeps everything verbatim when it fits', () => {
    const history = turns(4, 40);
    const view = buildMemory(history, { budgetTokens: 500 });
    expect(view.recent).toEqual(history);
    expect(view.summary).toBeUndefined();
  });

  it.each([100, 300, 900])('stays within a %i-token budget and keeps the newest turns', (budget) => {
    const history = turns(20);
    const view = buildMemory(history, { budgetTokens: budget, summaryTokens: 120 });
    expect(view.tokens).toBeLessThanOrEqual(budget + 120);
    expect(view.recent.at(-1)).toEqual(history.at(-1));
    expect(view.summarized + view.recent.length).toBe(20);
  });

  it('summarizes older turns with what the person said, newest kept when space runs out', () => {
    const history = turns(20, 100);
    const view = buildMemory(history, { budgetTokens: 150, summaryTokens: 60 });
    expect(view.summary).toMatch(/^Earlier in this conversation/);
    const newestOlderUser = history
      .slice(0, view.summarized)
      .filter((t) => t.role === 'user')
      .at(-1)!;
    expect(view.summary).toContain(newestOlderUser.text.slice(0, 16));
    expect(view.summary).not.toContain('bot message');
    expect(estimateTokens(view.summary!)).toBeLessThanOrEqual(60);
  });

  it('clips a single message longer than the whole budget instead of dropping it', () => {
    const view = buildMemory([{ role: 'user', text: 'y'.repeat(10_000) }], { budgetTokens: 100 });
    expect(view.recent).toHaveLength(1);
    expect(view.tokens).toBeLessThanOrEqual(100);
  });
});
