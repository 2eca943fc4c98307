import type { TrackCard } from '../core/cards.js';
import { foldText } from '../core/emotions/normalizer.js';

/**
 * Turn-level safety shared by the offline planner and the Groq agent: one implementation of "does this message
 * signal a crisis / try to subvert the bot", checked before any LLM call. Patterns run on folded text (lower
 * case, accents stripped), so "Quiero morir" and "quiero morir" match alike.
 */

export const CRISIS_PATTERNS: readonly RegExp[] = [
  /\b(kill|hurt|harm|cut)(ting)? (myself|me)\b/,
  /\bsuicid/,
  /\bend (it all|my life)\b/,
  /\b(want|wanna|going) to die\b/,
  /\bdon'?t want to (live|be alive|be here anymore|exist)\b/,
  /\bno reason to live\b/,
  /\bbetter off (dead|without me)\b/,
  /\bself[- ]harm/,
  /\b(quiero|me quiero) morir\b/,
  /\bmatarme\b/,
  /\bquitarme la vida\b/,
];

export const INJECTION_PATTERNS: readonly RegExp[] = [
  /\bignore (all |your |the |previous |prior )*(instructions|rules|prompt)/,
  /\b(system|hidden|initial) prompt\b/,
  /\b(print|show|reveal|repeat|tell me) (me )?(your|the) (instructions|prompt|rules|config)/,
  /\b(api|secret) ?key\b/,
  /\b(token|password|credentials)\b.*\b(your|the bot)/,
  /\byou are now\b/,
  /\bjailbreak\b/,
  /\bdeveloper mode\b/,
];

export type SafetyVerdict = 'crisis' | 'injection' | undefined;

/** Crisis wins over injection: someone in danger gets care even if the message also looks like a trick. */
export function checkMessage(raw: string): SafetyVerdict {
  const text = foldText(raw);
  if (CRISIS_PATTERNS.some((re) => re.test(text))) return 'crisis';
  if (INJECTION_PATTERNS.some((re) => re.test(text))) return 'injection';
  return undefined;
}

/** Words in a song's emotions or summary that mean it dwells on self-harm; such songs are never suggested. */
const SELF_HARM_THEME =
  /\b(suicid\w*|self[- ]harm\w*|kill(s|ing)? (myself|himself|herself|themselves)|overdos\w*|slit\w*|hang(ing|ed)? (myself|himself|herself)|end(s|ing)? (it all|(my|his|her|their) life))\b/;

/** Whether a song is about self-harm (by its summary or title); used to filter every Groq-agent answer. */
export function dwellsOnSelfHarm(card: Pick<TrackCard, 'title'>, summary = ''): boolean {
  return SELF_HARM_THEME.test(foldText(`${card.title} ${summary}`));
}

/**
 * Whether `reply` leaks configuration: a secret value, or a long verbatim piece of the system prompt.
 * Checked on every LLM answer before it reaches the user.
 */
export function leaksConfiguration(reply: string, secrets: readonly string[], systemPrompt: string): boolean {
  if (secrets.some((s) => s.length >= 6 && reply.includes(s))) return true;
  if (/\bgsk_[A-Za-z0-9]{8,}/.test(reply)) return true;
  const words = systemPrompt.split(/\s+/).filter(Boolean);
  const folded = reply.replace(/\s+/g, ' ');
  // Any 12 consecutive words of the prompt appearing verbatim counts as revealing it.
  for (let i = 0; i + 12 <= words.length; i += 4) {
    if (folded.includes(words.slice(i, i + 12).join(' '))) return true;
  }
  return false;
}
