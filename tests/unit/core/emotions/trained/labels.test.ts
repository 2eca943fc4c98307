import { describe, expect, it } from 'vitest';
import { isEmotion } from '../../../../../core/emotions/vocabulary.js';
import {
  EKMAN_GROUPS,
  EKMAN_OF,
  GOEMOTIONS_LABELS,
  GOEMOTIONS_OF_TERM,
  NEUTRAL_LABEL,
  VOCABULARY_OF,
  moodPointOfLabel,
  toEkman,
} from '../../../../../core/emotions/trained/labels.js';

describe('GoEmotions label tables', () => {
  it('lists the 28 labels in emotions.txt order', () => {
    expect(GOEMOTIONS_LABELS).toHaveLength(28);
    expect(GOEMOTIONS_LABELS[0]).toBe('admiration');
    expect(GOEMOTIONS_LABELS[26]).toBe('surprise');
    expect(NEUTRAL_LABEL).toBe(27);
  });

  // The standard GoEmotions ekman_mapping.json, written out independently of the table under test.
  it.each([
    ['anger', ['anger', 'annoyance', 'disapproval']],
    ['disgust', ['disgust']],
    ['fear', ['fear', 'nervousness']],
    [
      'joy',
      [
        'joy',
        'amusement',
        'approval',
        'excitement',
        'gratitude',
        'love',
        'optimism',
        'relief',
        'pride',
        'admiration',
        'desire',
        'caring',
      ],
    ],
    ['sadness', ['sadness', 'disappointment', 'embarrassment', 'grief', 'remorse']],
    ['surprise', ['surprise', 'realization', 'confusion', 'curiosity']],
    ['neutral', ['neutral']],
  ] as const)('maps the %s group exactly', (group, members) => {
    const mapped = GOEMOTIONS_LABELS.filter((l) => EKMAN_OF[l] === group);
    expect([...mapped].sort()).toEqual([...members].sort());
  });

  it('maps every emotion label to a canonical vocabulary term and neutral to none', () => {
    for (const label of GOEMOTIONS_LABELS) {
      const term = VOCABULARY_OF[label];
      if (label === 'neutral') expect(term).toBeUndefined();
      else expect(term !== undefined && isEmotion(term)).toBe(true);
    }
    expect(VOCABULARY_OF.approval).toBe('acceptance');
    expect(VOCABULARY_OF.disapproval).toBe('frustration');
    expect(VOCABULARY_OF.grief).toBe('grief');
  });

  it('maps every label named in the vocabulary back to itself for scoring', () => {
    for (const label of GOEMOTIONS_LABELS) {
      if (label === 'neutral' || label === 'approval' || label === 'disapproval') continue;
      expect(GOEMOTIONS_OF_TERM[VOCABULARY_OF[label]!]).toBe(label);
    }
    expect(GOEMOTIONS_OF_TERM.heartbreak).toBe('sadness');
    expect(GOEMOTIONS_OF_TERM.anxiety).toBe('nervousness');
  });

  it.each([
    ['joy', 1, 1],
    ['gratitude', 1, 1],
    ['approval', 1, 0],
    ['sadness', -1, -1],
    ['grief', -1, -1],
    ['anger', -1, 1],
    ['disapproval', -1, 1],
    ['fear', -1, 1],
  ] as const)('places %s on the valence/arousal plane (signs %i, %i)', (label, valence, arousal) => {
    const p = moodPointOfLabel(label);
    expect(Math.sign(p.valence)).toBe(valence);
    if (arousal !== 0) expect(Math.sign(p.arousal)).toBe(arousal);
  });

  it('puts neutral at the origin', () => {
    expect(moodPointOfLabel('neutral')).toEqual({ valence: 0, arousal: 0 });
  });

  it('unions label ids into Ekman group ids', () => {
    const id = (l: (typeof GOEMOTIONS_LABELS)[number]) => GOEMOTIONS_LABELS.indexOf(l);
    const groups = toEkman([id('annoyance'), id('anger'), id('grief')]);
    expect([...groups].map((g) => EKMAN_GROUPS[g]).sort()).toEqual(['anger', 'sadness']);
    expect([...toEkman([id('neutral')])].map((g) => EKMAN_GROUPS[g])).toEqual(['neutral']);
  });
});
