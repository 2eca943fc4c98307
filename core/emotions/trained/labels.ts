import type { Emotion, MoodPoint } from '../vocabulary.js';
import { moodPointOf } from '../vocabulary.js';

/** The 28 GoEmotions labels in data-set order (id = index = line of emotions.txt). */
export const GOEMOTIONS_LABELS = [
  'admiration',
  'amusement',
  'anger',
  'annoyance',
  'approval',
  'caring',
  'confusion',
  'curiosity',
  'desire',
  'disappointment',
  'disapproval',
  'disgust',
  'embarrassment',
  'excitement',
  'fear',
  'gratitude',
  'grief',
  'joy',
  'love',
  'nervousness',
  'optimism',
  'pride',
  'realization',
  'relief',
  'remorse',
  'sadness',
  'surprise',
  'neutral',
] as const;

export type GoEmotionsLabel = (typeof GOEMOTIONS_LABELS)[number];
export const NEUTRAL_LABEL = GOEMOTIONS_LABELS.indexOf('neutral');

export const EKMAN_GROUPS = ['anger', 'disgust', 'fear', 'joy', 'sadness', 'surprise', 'neutral'] as const;
export type EkmanGroup = (typeof EKMAN_GROUPS)[number];

/**
 * GoEmotions' own ekman_mapping.json (google-research/goemotions/data/ekman_mapping.json), plus neutral → neutral.
 */
export const EKMAN_OF: Readonly<Record<GoEmotionsLabel, EkmanGroup>> = {
  anger: 'anger',
  annoyance: 'anger',
  disapproval: 'anger',
  disgust: 'disgust',
  fear: 'fear',
  nervousness: 'fear',
  joy: 'joy',
  amusement: 'joy',
  approval: 'joy',
  excitement: 'joy',
  gratitude: 'joy',
  love: 'joy',
  optimism: 'joy',
  relief: 'joy',
  pride: 'joy',
  admiration: 'joy',
  desire: 'joy',
  caring: 'joy',
  sadness: 'sadness',
  disappointment: 'sadness',
  embarrassment: 'sadness',
  grief: 'sadness',
  remorse: 'sadness',
  surprise: 'surprise',
  realization: 'surprise',
  confusion: 'surprise',
  curiosity: 'surprise',
  neutral: 'neutral',
};

/**
 * GoEmotions label → canonical vocabulary term (what songs are tagged with). 25 labels exist verbatim in the
 * vocabulary; the other two are judgements rather than feelings, so they get the nearest feeling:
 * approval ("yes, agreed, good point") → acceptance; disapproval ("that's wrong") → frustration.
 * neutral maps to nothing: a neutral reading has no emotions.
 */
export const VOCABULARY_OF: Readonly<Record<GoEmotionsLabel, Emotion | undefined>> = {
  admiration: 'admiration',
  amusement: 'amusement',
  anger: 'anger',
  annoyance: 'annoyance',
  approval: 'acceptance',
  caring: 'caring',
  confusion: 'confusion',
  curiosity: 'curiosity',
  desire: 'desire',
  disappointment: 'disappointment',
  disapproval: 'frustration',
  disgust: 'disgust',
  embarrassment: 'embarrassment',
  excitement: 'excitement',
  fear: 'fear',
  gratitude: 'gratitude',
  grief: 'grief',
  joy: 'joy',
  love: 'love',
  nervousness: 'nervousness',
  optimism: 'optimism',
  pride: 'pride',
  realization: 'realization',
  relief: 'relief',
  remorse: 'remorse',
  sadness: 'sadness',
  surprise: 'surprise',
  neutral: undefined,
};

/**
 * Valence/arousal of a label: the vocabulary term's position, except approval/disapproval whose mapped
 * feeling is only approximate (approval is mildly pleasant and calm; disapproval unpleasant, mildly aroused),
 * and neutral at the origin.
 */
export function moodPointOfLabel(label: GoEmotionsLabel): MoodPoint {
  if (label === 'approval') return { valence: 0.45, arousal: 0.05 };
  if (label === 'disapproval') return { valence: -0.5, arousal: 0.35 };
  const emotion = VOCABULARY_OF[label];
  return emotion ? moodPointOf(emotion) : { valence: 0, arousal: 0 };
}

/** Maps a set of 28-label ids to the set of Ekman group ids (index into EKMAN_GROUPS). */
export function toEkman(labelIds: Iterable<number>): Set<number> {
  const out = new Set<number>();
  for (const id of labelIds) {
    const label = GOEMOTIONS_LABELS[id];
    if (label) out.add(EKMAN_GROUPS.indexOf(EKMAN_OF[label]));
  }
  return out;
}

/**
 * Canonical vocabulary term → the GoEmotions label it belongs under, for scoring readers that answer in
 * vocabulary terms (the embedding baseline) against GoEmotions. Terms with no fair counterpart (dreaminess,
 * innocence, nostalgia, apathy, exhaustion, jealousy…) are left out and count as no label.
 */
export const GOEMOTIONS_OF_TERM: Partial<Readonly<Record<Emotion, GoEmotionsLabel>>> = {
  joy: 'joy',
  happiness: 'joy',
  celebration: 'joy',
  contentment: 'joy',
  excitement: 'excitement',
  euphoria: 'excitement',
  energy: 'excitement',
  enthusiasm: 'excitement',
  anticipation: 'excitement',
  triumph: 'pride',
  confidence: 'pride',
  empowerment: 'pride',
  pride: 'pride',
  playfulness: 'amusement',
  amusement: 'amusement',
  freedom: 'relief',
  passion: 'desire',
  desire: 'desire',
  sensuality: 'desire',
  wanderlust: 'desire',
  yearning: 'desire',
  obsession: 'desire',
  infatuation: 'love',
  love: 'love',
  romance: 'love',
  affection: 'love',
  belonging: 'love',
  determination: 'optimism',
  hope: 'optimism',
  optimism: 'optimism',
  resilience: 'optimism',
  defiance: 'disapproval',
  rebellion: 'disapproval',
  bitterness: 'disapproval',
  surprise: 'surprise',
  curiosity: 'curiosity',
  mystery: 'curiosity',
  awe: 'admiration',
  admiration: 'admiration',
  tenderness: 'caring',
  caring: 'caring',
  comfort: 'caring',
  warmth: 'caring',
  gratitude: 'gratitude',
  peace: 'relief',
  calm: 'relief',
  relaxation: 'relief',
  serenity: 'relief',
  relief: 'relief',
  healing: 'relief',
  acceptance: 'approval',
  introspection: 'realization',
  realization: 'realization',
  sadness: 'sadness',
  melancholy: 'sadness',
  bittersweet: 'sadness',
  longing: 'sadness',
  heartbreak: 'sadness',
  loneliness: 'sadness',
  numbness: 'sadness',
  emptiness: 'sadness',
  despair: 'sadness',
  homesickness: 'sadness',
  heartache: 'sadness',
  grief: 'grief',
  regret: 'remorse',
  remorse: 'remorse',
  guilt: 'remorse',
  shame: 'embarrassment',
  embarrassment: 'embarrassment',
  disappointment: 'disappointment',
  anger: 'anger',
  rage: 'anger',
  resentment: 'anger',
  betrayal: 'anger',
  revenge: 'anger',
  frustration: 'annoyance',
  annoyance: 'annoyance',
  boredom: 'annoyance',
  anxiety: 'nervousness',
  nervousness: 'nervousness',
  stress: 'nervousness',
  restlessness: 'nervousness',
  tension: 'nervousness',
  insecurity: 'nervousness',
  vulnerability: 'nervousness',
  fear: 'fear',
  confusion: 'confusion',
  disgust: 'disgust',
};
