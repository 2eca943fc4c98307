import { beforeAll, describe, expect, it } from 'vitest';
import { UseEmbedder } from '../../../../core/embeddings/use-embedder.js';
import { EmbeddingEmotionReader } from '../../../../core/emotions/embedding-reader.js';
import { scanEmotions, weighHits } from '../../../../core/emotions/lexical-scan.js';

describe('lexical scan', () => {
  it.each([
    ['I am not happy', { negated: ['happiness'], has: ['sadness'] }],
    ["I don't feel calm at all", { negated: ['calm'], has: ['restlessness'] }],
    ['never been so lonely', { negated: [], has: ['loneliness'] }],
    ['happy but also kind of anxious', { negated: [], has: ['happiness', 'anxiety'] }],
    ['no estoy triste', { negated: ['sadness'], has: ['contentment'] }],
  ])('%j', (text, expected) => {
    const { weights, negated } = weighHits(scanEmotions(text));
    expect(negated).toEqual(expected.negated);
    for (const e of expected.has) expect(weights.has(e as never)).toBe(true);
    for (const e of expected.negated) expect(weights.has(e as never)).toBe(false);
  });

  it.each([
    ['a bit sad', 0.55],
    ['kind of numb', 0.65],
    ['so angry', 1.4],
    ['extremely tired', 1.7],
    ['sad', 1],
  ])('reads intensity of %j as ×%f', (text, intensity) => {
    const [hit] = scanEmotions(text);
    expect(hit!.intensity).toBeCloseTo(intensity);
  });

  it('splits clauses at "but" so negation does not leak across them', () => {
    const hits = scanEmotions('not angry, but sad');
    expect(hits.find((h) => h.emotion === 'sadness')!.negated).toBe(false);
    expect(hits.find((h) => h.emotion === 'anger')!.negated).toBe(true);
  });

  it('reads emoji', () => {
    expect(scanEmotions('😭😭😭').map((h) => h.emotion)).toContain('sadness');
  });
});

describe('EmbeddingEmotionReader (real USE embeddings)', () => {
  const reader = new EmbeddingEmotionReader(new UseEmbedder());
  beforeAll(() => reader.read('warm up'));

  it.each([
    ['rough day, feeling kind of numb', ['numbness', 'sadness']],
    ['I am so excited for tonight!!', ['excitement']],
    ['me siento muy triste y sola', ['sadness', 'loneliness']],
    ['I miss my grandmother so much since she died', ['grief', 'longing']],
    ['SO ANGRY RIGHT NOW', ['anger', 'rage']],
    ["stressed about exams and can't sleep", ['stress', 'restlessness', 'anxiety']],
    ['just chilling, feeling peaceful', ['calm', 'peace']],
  ])('%j reads among %j', async (text, expectedAny) => {
    const reading = await reader.read(text);
    const top = reading.emotions.slice(0, 3).map((e) => e.emotion);
    expect(top.some((e) => expectedAny.includes(e))).toBe(true);
  });

  it('places sad text low on valence and excited text high', async () => {
    const sad = await reader.read('I feel sad and hopeless');
    const happy = await reader.read('I feel joyful and excited');
    expect(sad.valence).toBeLessThan(-0.3);
    expect(happy.valence).toBeGreaterThan(0.3);
    expect(happy.arousal).toBeGreaterThan(sad.arousal);
  });

  it('excludes negated emotions from the reading', async () => {
    const reading = await reader.read("I'm not happy at all");
    expect(reading.negated).toContain('happiness');
    expect(reading.emotions.map((e) => e.emotion)).not.toContain('happiness');
    expect(reading.valence).toBeLessThan(0);
  });

  it.each(['', '   ', '🎸', 'x'.repeat(10_000), '\u0000\u0007', 'ÑÑÑÑ ¿¿¿???'])(
    'answers odd input %# without throwing',
    async (text) => {
      const reading = await reader.read(text);
      expect(Array.isArray(reading.emotions)).toBe(true);
      expect(Number.isFinite(reading.valence)).toBe(true);
    },
  );

  it('is not confident about text without feelings', async () => {
    const reading = await reader.read('');
    expect(reading.emotions).toEqual([]);
    expect(reading.confidence).toBe(0);
  });
});

describe('EmbeddingEmotionReader confidence', () => {
  const reader = new EmbeddingEmotionReader(new UseEmbedder());

  it.each(['asdf qwer', 'jjjj kkkk llll', 'the table is brown'])('is low for text without a feeling (%j)', async (text) => {
    expect((await reader.read(text)).confidence).toBeLessThan(0.3);
  });

  it.each(['my dog died yesterday', "let's party tonight"])('is moderate for a described moment (%j)', async (text) => {
    const reading = await reader.read(text);
    expect(reading.confidence).toBeGreaterThanOrEqual(0.3);
    expect(reading.emotions.length).toBeGreaterThan(0);
  });

  it('is high when feelings are named', async () => {
    expect((await reader.read('I feel lonely and sad')).confidence).toBeGreaterThanOrEqual(0.7);
  });
});
