import { foldText } from '../normalizer.js';

const MAX_TOKENS = 400;
// Words (with an inner apostrophe), numbers, and pictographic emoji; the sentence encoder's tokenizer tends to
// drop emoji, so the bag of words is where they count.
const TOKEN = /[a-z0-9]+(?:'[a-z]+)?|\p{Extended_Pictographic}/gu;

/** Lower-cased, accent-folded word and emoji tokens of a message (at most 400). */
export function tokenize(text: string): string[] {
  const tokens = foldText(text.slice(0, 4000)).match(TOKEN) ?? [];
  return tokens.length > MAX_TOKENS ? tokens.slice(0, MAX_TOKENS) : tokens;
}

/** Maps tokens to the ids of a fixed vocabulary, each id at most once (a set of words, not counts). */
export function tokenIds(text: string, vocabulary: ReadonlyMap<string, number>): number[] {
  const ids = new Set<number>();
  for (const token of tokenize(text)) {
    const id = vocabulary.get(token);
    if (id !== undefined) ids.add(id);
  }
  return [...ids];
}

/** The `size` most frequent tokens seen in at least `minCount` texts, most frequent first (ties alphabetical). */
export function buildVocabulary(texts: Iterable<string>, size: number, minCount = 3): string[] {
  const counts = new Map<string, number>();
  for (const text of texts) {
    for (const token of new Set(tokenize(text))) counts.set(token, (counts.get(token) ?? 0) + 1);
  }
  return [...counts.entries()]
    .filter(([, c]) => c >= minCount)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, size)
    .map(([t]) => t);
}
