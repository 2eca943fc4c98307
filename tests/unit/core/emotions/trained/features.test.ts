import { describe, expect, it } from 'vitest';
import { buildVocabulary, tokenIds, tokenize } from '../../../../../core/emotions/trained/features.js';
import { glossSpanish, looksSpanish } from '../../../../../core/emotions/trained/spanish.js';

describe('tokenize', () => {
  it.each([
    ["I'm SO happy!!", ["i'm", 'so', 'happy']],
    ['Estoy tristísima 😭😭', ['estoy', 'tristisima', '😭', '😭']],
    ['[NAME] is great', ['name', 'is', 'great']],
    ['', []],
    ['🎉', ['🎉']],
  ])('tokenizes %j', (text, tokens) => {
    expect(tokenize(text)).toEqual(tokens);
  });

  it('caps very long messages', () => {
    expect(tokenize('word '.repeat(10_000)).length).toBeLessThanOrEqual(400);
  });
});

describe('vocabulary', () => {
  it('keeps the most frequent tokens seen in enough texts and maps each at most once', () => {
    const vocab = buildVocabulary(['happy happy day', 'happy night', 'sad day', 'rare'], 10, 2);
    // Both are in two texts (counts per text, not per token); ties are alphabetical.
    expect(vocab).toEqual(['day', 'happy']);
    const index = new Map(vocab.map((t, i) => [t, i]));
    expect(tokenIds('Happy happy HAPPY day, unknown', index).sort()).toEqual([0, 1]);
  });
});

describe('Spanish gloss', () => {
  it.each([
    ['me siento muy triste', true],
    ['estoy feliz', true],
    ['tengo miedo', true],
    ['I feel so sad today', false],
    ['give me a break', false],
    ['la la la', false],
    ['', false],
  ])('looksSpanish(%j) is %s', (text, expected) => {
    expect(looksSpanish(text)).toBe(expected);
  });

  it('translates common feeling words word by word', () => {
    expect(glossSpanish('Me siento muy triste y sola')).toBe('i feel very sad and alone');
    expect(glossSpanish('Lo siento, fue mi culpa')).toBe('sorry, was my fault');
    expect(glossSpanish('Me acabo de dar cuenta')).toBe('i realized');
  });

  it('leaves English alone', () => {
    expect(glossSpanish('I am so happy')).toBe('I am so happy');
  });
});
