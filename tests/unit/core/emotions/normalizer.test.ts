import { describe, expect, it } from 'vitest';
import { foldText, normalizeEmotion, normalizeEmotions } from '../../../../core/emotions/normalizer.js';
import { EMOTION_TERMS, EmotionSchema, VOCABULARY } from '../../../../core/emotions/vocabulary.js';
import { LEXICON } from '../../../../core/emotions/lexicon.js';

describe('emotion vocabulary', () => {
  it('has 60–110 unique terms, each with a valence/arousal position inside [-1, 1]', () => {
    expect(EMOTION_TERMS.length).toBeGreaterThanOrEqual(60);
    expect(EMOTION_TERMS.length).toBeLessThanOrEqual(110);
    expect(new Set(EMOTION_TERMS).size).toBe(EMOTION_TERMS.length);
    for (const v of VOCABULARY) {
      expect(Math.abs(v.valence)).toBeLessThanOrEqual(1);
      expect(Math.abs(v.arousal)).toBeLessThanOrEqual(1);
    }
  });

  it('maps every lexicon entry to a term of the one enum', () => {
    for (const term of Object.values(LEXICON)) expect(EmotionSchema.safeParse(term).success).toBe(true);
  });
});

describe('normalizeEmotion', () => {
  it.each([
    ['joy', 'joy'],
    ['JOY', 'joy'],
    ['  Sadness ', 'sadness'],
    ['betrayed', 'betrayal'],
    ['joyful', 'joy'],
    ['joyous', 'joy'],
    ['melancholic', 'melancholy'],
    ['nostalgic', 'nostalgia'],
    ['anxiousness', 'anxiety'],
    ['peacefulness', 'peace'],
    ['hopefully', 'hope'],
    ['angrily', 'anger'],
    ['lonelier', 'loneliness'],
    ['hopelessness', 'despair'],
    ['heartbroken', 'heartbreak'],
    ['burnt out', 'exhaustion'],
    ['pissed off', 'annoyance'],
    ['feeling blue', 'sadness'],
    ['chill', 'calm'],
    ['thankful', 'gratitude'],
    ['Tristeza', 'sadness'],
    ['triste', 'sadness'],
    ['ENOJADA', 'anger'],
    ['desesperación', 'despair'],
    ['me siento sola', 'loneliness'],
    ['estoy cansado', 'exhaustion'],
    ['enamorada', 'love'],
    ['nostálgico', 'nostalgia'],
    ['celos', 'jealousy'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeEmotion(input)).toBe(expected);
  });

  it.each(['car', 'the', 'table', '', '   ', '12345', 'asdfgh', '🎸'])(
    'returns undefined for a non-emotion (%j)',
    (input) => {
      expect(normalizeEmotion(input)).toBeUndefined();
    },
  );

  it('normalizes a list, dropping duplicates and reporting unknown words', () => {
    expect(normalizeEmotions(['Happy', 'happiness', 'sad', 'spaceship'])).toEqual({
      emotions: ['happiness', 'sadness'],
      unknown: ['spaceship'],
    });
  });

  it('folds case, accents and curly quotes', () => {
    expect(foldText('  Canción  “Dónde” ’s ')).toBe("cancion “donde” 's");
  });
});
