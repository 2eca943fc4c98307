import { EMOJI, INTENSIFIERS, LEXICON, NEGATION_OPPOSITES, NEGATORS } from './lexicon.js';
import { foldText, normalizeEmotion } from './normalizer.js';
import type { Emotion } from './vocabulary.js';

export interface LexicalHit {
  emotion: Emotion;
  /** Intensity multiplier from modifiers before it (1 when none). */
  intensity: number;
  negated: boolean;
  /** Index of the clause the word was in (clauses split at but/though/pero/;). */
  clause: number;
  phrase: string;
}

const MAX_PHRASE_WORDS = 4;
const NEGATION_WINDOW = 3;
const CLAUSE_BREAK = new Set(['but', 'though', 'although', 'yet', 'pero', 'aunque', 'however', 'sino']);
/** Words that make an emotion word describe a wish, not the current state ("I want to feel happy"). */
const PHRASES = new Set(Object.keys(LEXICON).filter((k) => k.includes(' ')));

/**
 * Finds emotion words and phrases in free text with their negation and intensity, plus emoji.
 * Deterministic and cheap; the readers combine it with embeddings or a classifier.
 */
export function scanEmotions(text: string): LexicalHit[] {
  const hits: LexicalHit[] = [];
  for (const [emoji, emotion] of Object.entries(EMOJI)) {
    if (text.includes(emoji)) hits.push({ emotion, intensity: 1, negated: false, clause: 0, phrase: emoji });
  }
  const folded = foldText(text.slice(0, 5000));
  const tokens = folded.match(/[a-z]+(?:'[a-z]+)?|[.;!?,]/g) ?? [];
  let clause = 0;
  let lastBreak = -1;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (CLAUSE_BREAK.has(token) || token === ';' || token === '.' || token === '!' || token === '?') {
      clause++;
      lastBreak = i;
      continue;
    }
    let matched: { emotion: Emotion; length: number } | undefined;
    for (let n = Math.min(MAX_PHRASE_WORDS, tokens.length - i); n >= 1; n--) {
      const phrase = tokens.slice(i, i + n).join(' ');
      if (n > 1 && !PHRASES.has(phrase)) continue;
      const emotion = normalizeEmotion(phrase);
      if (emotion) {
        matched = { emotion, length: n };
        break;
      }
    }
    if (!matched) continue;
    const phrase = tokens.slice(i, i + matched.length).join(' ');
    const windowStart = Math.max(lastBreak + 1, i - NEGATION_WINDOW);
    const before = tokens.slice(windowStart, i);
    // "never been so lonely" / "never felt this tired" affirm the feeling emphatically.
    const emphatic = /\b(never|nunca) (been|felt|ever felt|estado|me he sentido) (so|this|more|tan)\b/.test(
      before.join(' '),
    );
    const negated =
      !emphatic &&
      before.some((t) => NEGATORS.has(t)) &&
      !phrase.startsWith("don't") &&
      !phrase.startsWith('not ');
    let intensity = emphatic ? 1.5 : 1;
    const two = tokens.slice(Math.max(windowStart, i - 2), i).join(' ');
    const one = tokens[i - 1] ?? '';
    if (!emphatic && i - 2 >= windowStart && INTENSIFIERS[two] !== undefined) intensity = INTENSIFIERS[two];
    else if (!emphatic && i - 1 >= windowStart && INTENSIFIERS[one] !== undefined)
      intensity = INTENSIFIERS[one];
    if (/[A-Z]{4,}/.test(text) && text === text.toUpperCase()) intensity *= 1.2;
    hits.push({ emotion: matched.emotion, intensity, negated, clause, phrase });
    i += matched.length - 1;
  }
  return hits;
}

/** Turns hits into weights: negated words are dropped (their common opposite added at lower weight). */
export function weighHits(hits: readonly LexicalHit[]): {
  weights: Map<Emotion, number>;
  negated: Emotion[];
} {
  const weights = new Map<Emotion, number>();
  const negated: Emotion[] = [];
  const add = (emotion: Emotion, w: number) => weights.set(emotion, Math.max(weights.get(emotion) ?? 0, w));
  for (const hit of hits) {
    if (hit.negated) {
      negated.push(hit.emotion);
      const opposite = NEGATION_OPPOSITES[hit.emotion];
      if (opposite) add(opposite, 0.6 * Math.min(hit.intensity, 1.2));
      continue;
    }
    add(hit.emotion, Math.min(1.7, hit.intensity));
  }
  for (const n of negated) weights.delete(n);
  return { weights, negated: [...new Set(negated)] };
}
