import { LEXICON } from './lexicon.js';
import { EMOTION_TERMS, isEmotion, type Emotion } from './vocabulary.js';

/** Lower case, accents stripped, curly quotes straightened, inner whitespace collapsed. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019]/g, "'")
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

const SUFFIXES = [
  'fulness',
  'ousness',
  'iness',
  'ness',
  'ment',
  'ful',
  'ous',
  'ing',
  'ity',
  'ed',
  'ic',
  'ly',
  'es',
  'y',
  's',
  'e',
];

/** A crude stem good enough to fold derivatives ("joyful", "joyous" → "joy"; "betrayed" → "betray"). */
export function stem(word: string): string {
  let w = word;
  // Two passes fold stacked suffixes ("hopefully" → "hopeful" → "hope"); "i" → "y" lets "happi(ness)" meet "happy".
  for (let pass = 0; pass < 2; pass++) {
    const suffix = SUFFIXES.find((s) => w.length - s.length >= 3 && w.endsWith(s));
    if (!suffix) break;
    w = w.slice(0, -suffix.length).replace(/i$/, 'y');
  }
  return w.replace(/[ye]$/, '').replace(/er$/, 'r');
}

const BY_STEM: ReadonlyMap<string, Emotion> = (() => {
  const map = new Map<string, Emotion>();
  for (const term of EMOTION_TERMS) map.set(stem(term), term);
  for (const [word, term] of Object.entries(LEXICON)) if (!word.includes(' ')) map.set(stem(word), term);
  return map;
})();

/**
 * Maps a word or short phrase (English or Spanish, any case, with or without accents) to a canonical emotion,
 * or undefined when it is not an emotion word we know.
 */
export function normalizeEmotion(input: string): Emotion | undefined {
  const folded = foldText(input).replace(/^(feeling|feel|i feel|i'm|im|i am|so|very|me siento|estoy)\s+/, '');
  const cleaned = folded.replace(/[^a-z' -]/g, '').trim();
  if (cleaned === '') return undefined;
  if (isEmotion(cleaned)) return cleaned;
  // Inflections of words we list ("sadly", "lonelier", "hopelessness") fold back to the listed word first.
  const variants = [
    cleaned,
    cleaned.replace(/ness$/, ''),
    cleaned.replace(/ily$/, 'y'),
    cleaned.replace(/ly$/, ''),
    cleaned.replace(/i(er|est)$/, 'y'),
    cleaned.replace(/(er|est)$/, ''),
    cleaned.replace(/s$/, ''),
  ];
  for (const variant of variants) {
    if (isEmotion(variant)) return variant;
    const direct = LEXICON[variant];
    if (direct) return direct;
  }
  // Short words stem too aggressively ("car" would meet "caring").
  if (cleaned.includes(' ') || cleaned.length < 5) return undefined;
  return BY_STEM.get(stem(cleaned));
}

/** Normalizes a list, dropping unknown words and duplicates, keeping first-seen order. */
export function normalizeEmotions(inputs: readonly string[]): { emotions: Emotion[]; unknown: string[] } {
  const emotions: Emotion[] = [];
  const unknown: string[] = [];
  for (const input of inputs) {
    const emotion = normalizeEmotion(input);
    if (emotion === undefined) unknown.push(input);
    else if (!emotions.includes(emotion)) emotions.push(emotion);
  }
  return { emotions, unknown };
}
