/**
 * Token-budgeted conversation memory for the LLM agent. The newest turns are kept verbatim while they fit the
 * budget; older ones are folded into one short summary line. The summary is extractive (what the person said,
 * clipped), not written by the LLM: on Groq's free tier an extra model call per turn would halve how many
 * people we can serve, and the person's own words are what the model needs to stay consistent.
 */

export interface MemoryTurn {
  role: 'user' | 'assistant';
  text: string;
}

export interface MemoryOptions {
  /** Tokens for the verbatim recent turns (default 900). */
  budgetTokens?: number;
  /** Tokens for the summary of older turns (default 150). */
  summaryTokens?: number;
  /** Token estimate for a text (default: ~4 characters a token). */
  estimate?: (text: string) => number;
}

export interface MemoryView {
  /** One line about older turns, or undefined when everything fit. */
  summary: string | undefined;
  /** Recent turns, oldest first, verbatim. */
  recent: MemoryTurn[];
  /** Estimated tokens of summary + recent. */
  tokens: number;
  /** How many turns were folded into the summary. */
  summarized: number;
}

export const estimateTokens = (text: string): number => Math.ceil(text.length / 4);

const CLIP_CHARS = 120;

function clip(text: string, chars: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= chars ? flat : `${flat.slice(0, chars - 1).trimEnd()}…`;
}

/**
 * Picks what the model sees of the conversation so far. Never exceeds `budgetTokens + summaryTokens` (by the
 * given estimate); a single turn longer than the whole budget is clipped rather than dropped, so the latest
 * thing the person said is always there.
 */
export function buildMemory(history: readonly MemoryTurn[], options: MemoryOptions = {}): MemoryView {
  const budget = options.budgetTokens ?? 900;
  const summaryBudget = options.summaryTokens ?? 150;
  const estimate = options.estimate ?? estimateTokens;
  const recent: MemoryTurn[] = [];
  let used = 0;
  let i = history.length - 1;
  for (; i >= 0; i--) {
    const turn = history[i]!;
    const cost = estimate(turn.text) + 4;
    if (used + cost > budget) {
      if (recent.length === 0) {
        // Clip the newest turn to fit instead of sending nothing.
        const room = Math.max(0, budget - 4);
        let text = turn.text;
        while (text.length > 0 && estimate(text) > room) text = text.slice(0, Math.floor(text.length * 0.8));
        if (text) {
          recent.unshift({ role: turn.role, text });
          used += estimate(text) + 4;
        }
        i--;
      }
      break;
    }
    recent.unshift(turn);
    used += cost;
  }
  const older = history.slice(0, i + 1);
  if (older.length === 0) return { summary: undefined, recent, tokens: used, summarized: 0 };

  // Newest of the older turns first, so when the summary budget runs out it is the oldest that go.
  const said = older
    .filter((t) => t.role === 'user')
    .reverse()
    .map((t) => clip(t.text, CLIP_CHARS));
  const parts: string[] = [];
  const head = `Earlier in this conversation (${older.length} messages), they said: `;
  let summaryCost = estimate(head);
  for (const s of said) {
    const cost = estimate(`"${s}"; `);
    if (summaryCost + cost > summaryBudget) break;
    parts.unshift(`"${s}"`);
    summaryCost += cost;
  }
  const summary = parts.length
    ? `${head}${parts.join('; ')}.`
    : `Earlier in this conversation there were ${older.length} more messages.`;
  return { summary, recent, tokens: used + estimate(summary), summarized: older.length };
}
