import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../../../core/config/index.js';
import { DataFileError } from '../../../../../core/errors.js';
import { scanEmotions, weighHits } from '../../../../../core/emotions/lexical-scan.js';
import { createLogger } from '../../../../../core/logger.js';
import { createCore } from '../../../../../core/runtime.js';
import { GOEMOTIONS_LABELS, type GoEmotionsLabel } from '../../../../../core/emotions/trained/labels.js';
import {
  EmotionClassifier,
  TrainedEmotionReader,
  combineReading,
  type LabelScore,
} from '../../../../../core/emotions/trained/trained-reader.js';
import { encodeWeights, saveWeights } from '../../../../../core/emotions/trained/weights-io.js';
import { HashEmbedder } from '../../../../fakes/hash-embedder.js';
import { FIXTURE_CATALOG } from '../../../../helpers/test-app.js';
import { syntheticWeights } from './helpers.js';

/** Label scores where the given labels fired with the given calibrated probability. */
function scores(fired: Partial<Record<GoEmotionsLabel, number>>): LabelScore[] {
  return GOEMOTIONS_LABELS.map((label) => {
    const p = fired[label];
    return { label, probability: p ?? 0.01, calibrated: p ?? 0.01, fired: p !== undefined };
  });
}

function lexical(text: string) {
  return weighHits(scanEmotions(text));
}

describe('combineReading', () => {
  it('maps fired labels to vocabulary terms, most probable first, with valence/arousal', () => {
    const r = combineReading('trained', scores({ sadness: 0.8, grief: 0.4 }), new Map(), []);
    expect(r.emotions.map((e) => e.emotion)).toEqual(['sadness', 'grief']);
    expect(r.emotions[0]!.weight).toBe(1);
    expect(r.emotions[1]!.weight).toBeCloseTo(0.5);
    expect(r.confidence).toBeCloseTo(0.8);
    expect(r.valence).toBeLessThan(-0.5);
    expect(r.reader).toBe('trained');
  });

  it('maps approval and disapproval to their nearest feelings', () => {
    expect(combineReading('t', scores({ approval: 0.7 }), new Map(), []).emotions[0]!.emotion).toBe(
      'acceptance',
    );
    expect(combineReading('t', scores({ disapproval: 0.7 }), new Map(), []).emotions[0]!.emotion).toBe(
      'frustration',
    );
  });

  it('answers neutral (no emotions, low confidence) when only neutral fired', () => {
    const r = combineReading('trained', scores({ neutral: 0.9 }), new Map(), []);
    expect(r.emotions).toEqual([]);
    expect(r.confidence).toBeLessThan(0.3);
    expect(r.valence).toBe(0);
  });

  it('drops negated feelings and same-valence labels, keeping the opposite the scan adds ("not happy")', () => {
    const { weights, negated } = lexical("I'm not happy");
    const r = combineReading('trained', scores({ joy: 0.7, approval: 0.5, sadness: 0.4 }), weights, negated);
    const terms = r.emotions.map((e) => e.emotion);
    expect(terms).not.toContain('joy');
    expect(terms).not.toContain('acceptance');
    expect(terms).not.toContain('happiness');
    expect(terms).toContain('sadness');
    expect(r.negated).toContain('happiness');
    expect(r.valence).toBeLessThan(0);
  });

  it('keeps a positive label the person states after negating a negative one ("not sad, happy")', () => {
    const { weights, negated } = lexical("I'm not sad, I'm happy");
    const r = combineReading('trained', scores({ sadness: 0.6, joy: 0.6 }), weights, negated);
    const terms = r.emotions.map((e) => e.emotion);
    expect(terms).not.toContain('sadness');
    expect(terms).toContain('joy');
    expect(r.valence).toBeGreaterThan(0);
  });

  it('weighs an intensified word above a softened one', () => {
    const { weights, negated } = lexical('so so angry and a bit sad');
    const r = combineReading('trained', scores({ anger: 0.5, sadness: 0.5 }), weights, negated);
    const weight = (e: string) => r.emotions.find((x) => x.emotion === e)?.weight ?? 0;
    expect(weight('anger')).toBe(1);
    expect(weight('sadness')).toBeLessThan(0.6);
  });

  it('adds finer vocabulary words the person typed, with lexical confidence', () => {
    const { weights, negated } = lexical('totally heartbroken');
    const r = combineReading('trained', scores({}), weights, negated);
    expect(r.emotions[0]!.emotion).toBe('heartbreak');
    expect(r.confidence).toBeGreaterThanOrEqual(0.6);
  });
});

describe('TrainedEmotionReader', () => {
  const embedder = new HashEmbedder(16);
  const reader = new TrainedEmotionReader(
    embedder,
    new EmotionClassifier(syntheticWeights(embedder.modelId)),
  );

  it.each([
    ['empty', ''],
    ['whitespace', '   \n\t '],
    ['emoji only', '😭😭😭'],
    ['10,000 characters', 'so tired '.repeat(1200)],
    ['mixed languages', 'estoy muy happy but también un poco sad 😂'],
    ['all caps', 'I AM SO ANGRY RIGHT NOW'],
    ['control characters', '\u0000\u0007\uffff'],
  ])('returns a well-formed reading for %s input', async (_, text) => {
    const r = await reader.read(text);
    expect(r.reader).toBe('trained');
    expect(r.confidence).toBeGreaterThanOrEqual(0);
    expect(r.confidence).toBeLessThanOrEqual(1);
    expect(Number.isFinite(r.valence) && Number.isFinite(r.arousal)).toBe(true);
    for (const e of r.emotions) expect(e.weight).toBeGreaterThan(0);
  });

  it('answers neutral instead of throwing when the embedder fails', async () => {
    const failing = new TrainedEmotionReader(
      {
        modelId: embedder.modelId,
        dimensions: 16,
        embedTexts: () => Promise.reject(new Error('model gone')),
        embedText: () => Promise.reject(new Error('model gone')),
      },
      reader.classifier,
    );
    expect(await failing.read('I am happy')).toMatchObject({
      emotions: [],
      confidence: 0,
      reader: 'trained',
    });
  });

  it('applies the per-label thresholds of the weights file', () => {
    const weights = syntheticWeights(embedder.modelId);
    weights.header.thresholds = GOEMOTIONS_LABELS.map((_, k) => (k === 0 ? 0.01 : 0.99));
    const classifier = new EmotionClassifier(weights);
    const fired = classifier.score(GOEMOTIONS_LABELS.map(() => 0.5)).filter((s) => s.fired);
    expect(fired.map((s) => s.label)).toEqual(['admiration']);
  });
});

describe('loading weights', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'moodtune-reader-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses weights trained for another embedder, naming the file', async () => {
    const file = path.join(dir, 'other.bin');
    await saveWeights(file, syntheticWeights('another-model'));
    const error = (await TrainedEmotionReader.load(new HashEmbedder(16), file).catch(
      (e: unknown) => e,
    )) as Error;
    expect(error).toBeInstanceOf(DataFileError);
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/another-model/);
  });

  async function coreWith(weightsFile: string) {
    const lines: string[] = [];
    const config = loadConfig({
      NODE_ENV: 'test',
      MOODTUNE_DATA_DIR: path.join(dir, `data-${path.basename(weightsFile)}`),
      MOODTUNE_CATALOG: FIXTURE_CATALOG,
    });
    const logger = createLogger({ level: 'info', destination: { write: (l: string) => void lines.push(l) } });
    const core = await createCore(config, logger, {
      embedder: new HashEmbedder(16),
      emotionWeightsFile: weightsFile,
    });
    await core.close();
    return { reader: core.reader, log: lines.join('') };
  }

  it('makes the trained reader the default when its weights load', async () => {
    const file = path.join(dir, 'good.bin');
    await saveWeights(file, syntheticWeights('test-hash'));
    const { reader, log } = await coreWith(file);
    expect(reader.name).toBe('trained');
    expect(log).not.toMatch(/falling back/);
  });

  it.each([
    ['missing', () => Promise.resolve(path.join(dir, 'missing.bin'))],
    [
      'corrupt',
      async () => {
        const file = path.join(dir, 'corrupt.bin');
        const bytes = encodeWeights(syntheticWeights('test-hash'));
        bytes[bytes.length - 1]! ^= 0xff;
        await writeFile(file, bytes);
        return file;
      },
    ],
  ])('falls back to the embedding reader with a warning naming a %s file', async (_, makeFile) => {
    const file = await makeFile();
    const { reader, log } = await coreWith(file);
    expect(reader.name).toBe('embedding-baseline');
    expect(log).toContain('"level":40');
    expect(log).toContain(file);
    expect(log).toMatch(/falling back to the embedding emotion reader/);
  });
});
