/**
 * `npm run eval -- emotions`: the emotion readers on the GoEmotions test split (macro/micro-F1 over the 28
 * labels, macro-F1 over the 7 Ekman classes), latency per message on one core including the embedding, and
 * top-label accuracy on a 50-sentence English/Spanish fixture.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Embedder } from '../../core/embeddings/embedder.js';
import { UseEmbedder } from '../../core/embeddings/use-embedder.js';
import { EmbeddingEmotionReader } from '../../core/emotions/embedding-reader.js';
import type { EmotionReading } from '../../core/emotions/reader.js';
import {
  evaluatePredictions,
  evaluateProbabilities,
  evaluateWithEkmanThresholds,
  type EmotionEvaluation,
} from '../../core/emotions/trained/evaluate.js';
import { embedSplitCached, loadGoEmotions } from '../../core/emotions/trained/goemotions.js';
import {
  EKMAN_OF,
  GOEMOTIONS_LABELS,
  GOEMOTIONS_OF_TERM,
  NEUTRAL_LABEL,
  type GoEmotionsLabel,
} from '../../core/emotions/trained/labels.js';
import { TrainedEmotionReader, type LabelScore } from '../../core/emotions/trained/trained-reader.js';
import { round, summarize, type Suite } from '../harness.js';

/**
 * Serves vectors already computed for the split (from the on-disk matrix cache) and embeds anything else, so
 * scoring 5,427 messages with two readers does not embed them twice more.
 */
class PrecomputedEmbedder implements Embedder {
  constructor(
    private readonly inner: Embedder,
    private readonly known: Map<string, Float32Array>,
  ) {}
  get modelId() {
    return this.inner.modelId;
  }
  get dimensions() {
    return this.inner.dimensions;
  }
  async embedTexts(texts: readonly string[]): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (const t of texts) out.push(this.known.get(t) ?? (await this.inner.embedText(t)));
    return out;
  }
  async embedText(text: string): Promise<Float32Array> {
    return (await this.embedTexts([text]))[0]!;
  }
}

/** A baseline reading → GoEmotions labels: terms at weight ≥ 0.5 mapped through GOEMOTIONS_OF_TERM; none → neutral. */
function labelsOfReading(reading: EmotionReading): Set<number> {
  const out = new Set<number>();
  for (const { emotion, weight } of reading.emotions) {
    const label = GOEMOTIONS_OF_TERM[emotion];
    if (label && weight >= 0.5) out.add(GOEMOTIONS_LABELS.indexOf(label));
  }
  if (out.size === 0) out.add(NEUTRAL_LABEL);
  return out;
}

/** The most probable non-neutral label relative to its threshold. */
function topEmotionLabel(scores: readonly LabelScore[], thresholds: readonly number[]): GoEmotionsLabel {
  let best = scores[0]!;
  let bestRatio = -1;
  scores.forEach((s, k) => {
    if (k === NEUTRAL_LABEL) return;
    const ratio = s.probability / thresholds[k]!;
    if (ratio > bestRatio) {
      bestRatio = ratio;
      best = s;
    }
  });
  return best.label;
}

function metricsOf(e: EmotionEvaluation): Record<string, number> {
  return { macroF1: round(e.macroF1), macroF1Ekman: round(e.macroF1Ekman), microF1: round(e.microF1) };
}

interface SpanishCase {
  label: GoEmotionsLabel;
  en: string;
  es: string;
}

export const emotionsEvalSuite: Suite = {
  name: 'emotions',
  kind: 'eval',
  results: 'emotions-eval',
  description: 'emotion readers on the GoEmotions test split (+ latency, + Spanish fixture)',
  async run(ctx) {
    const dataDir = path.join(ctx.sharedData, 'goemotions');
    if (!existsSync(path.join(dataDir, 'test.tsv.gz')))
      return { skipped: `no GoEmotions data in ${dataDir}` };
    const quick = ctx.args.includes('--quick');
    const embedder = new UseEmbedder(64);
    let trained: TrainedEmotionReader;
    try {
      trained = await TrainedEmotionReader.load(embedder);
    } catch (error) {
      return { skipped: `trained weights unusable: ${(error as Error).message}` };
    }
    const thresholds = trained.classifier.thresholds;
    const test = await loadGoEmotions(dataDir, 'test');
    const examples = quick ? test.examples.slice(0, 500) : test.examples;
    const texts = examples.map((e) => e.text);
    ctx.log(`embedding ${texts.length} test messages (cached under var/emotion-embeddings)`);
    const matrix = await embedSplitCached(
      embedder,
      path.join(ctx.root, 'var', 'emotion-embeddings'),
      quick ? 'test-quick' : 'test',
      texts,
    );
    const known = new Map<string, Float32Array>();
    texts.forEach((t, r) => known.set(t, matrix.data.subarray(r * matrix.dims, (r + 1) * matrix.dims)));
    const cached = new PrecomputedEmbedder(embedder, known);
    const gold = examples.map((e) => new Set(e.labels));

    const trainedCached = new TrainedEmotionReader(cached, trained.classifier);
    const trainedProbs = new Float32Array(texts.length * GOEMOTIONS_LABELS.length);
    for (let r = 0; r < texts.length; r++) {
      const scores = await trainedCached.classify(texts[r]!);
      scores.forEach((s, k) => (trainedProbs[r * GOEMOTIONS_LABELS.length + k] = s.probability));
    }
    const baseline = new EmbeddingEmotionReader(cached);
    const baselinePred: Set<number>[] = [];
    for (const t of texts) baselinePred.push(labelsOfReading(await baseline.read(t)));
    const ekmanThresholds = trained.classifier.ekmanThresholds;
    const trainedEval = evaluateProbabilities(trainedProbs, thresholds, gold);
    const trainedGroup = ekmanThresholds
      ? evaluateWithEkmanThresholds(trainedProbs, thresholds, ekmanThresholds, gold)
      : undefined;
    const baselineEval = evaluatePredictions(baselinePred, gold);

    const perLabel = GOEMOTIONS_LABELS.map((label, k) => ({
      label,
      ekman: EKMAN_OF[label],
      support: trainedEval.labels.perLabel[k]!.support,
      baselineF1: round(baselineEval.labels.perLabel[k]!.f1),
      trainedF1: round(trainedEval.labels.perLabel[k]!.f1),
      trainedPrecision: round(trainedEval.labels.perLabel[k]!.precision),
      trainedRecall: round(trainedEval.labels.perLabel[k]!.recall),
      threshold: thresholds[k]!,
    }));
    ctx.log('per-label F1 (GoEmotions test):');
    ctx.log('| label | support | threshold | embedding-baseline F1 | trained P | trained R | trained F1 |');
    ctx.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const r of perLabel)
      ctx.log(
        `| ${r.label} | ${r.support} | ${r.threshold.toFixed(2)} | ${r.baselineF1.toFixed(3)} | ` +
          `${r.trainedPrecision.toFixed(3)} | ${r.trainedRecall.toFixed(3)} | ${r.trainedF1.toFixed(3)} |`,
      );
    const ekmanRows = trainedEval.ekman.perLabel.map((s, k) => `${k}:${s.f1.toFixed(3)}`);
    ctx.log(
      `trained Ekman per-class F1 (anger, disgust, fear, joy, sadness, surprise, neutral): ${ekmanRows.join(' ')}`,
    );

    // Latency: full read (lexical scan + fresh embedding of a message never seen + classifier), one at a time.
    const sample = texts.slice(0, quick ? 50 : 300).map((t, i) => `${t} (${i})`);
    await trained.read('warm up');
    const times: number[] = [];
    for (const t of sample) {
      const start = performance.now();
      await trained.read(t);
      times.push(performance.now() - start);
    }
    const latency = summarize(times);
    ctx.log(
      `trained read latency over ${sample.length} messages: mean ${latency.mean.toFixed(1)} ms, p95 ${latency.p95.toFixed(1)} ms`,
    );

    // Spanish: same 50 sentences in English and Spanish, top non-neutral label vs the expected one.
    const fixture = path.join(ctx.root, 'tests/unit/core/emotions/trained/fixtures/spanish.jsonl');
    const cases = (await readFile(fixture, 'utf8'))
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as SpanishCase);
    const noGloss = new TrainedEmotionReader(embedder, trained.classifier, { glossSpanish: false });
    const accuracy = async (reader: TrainedEmotionReader, pick: (c: SpanishCase) => string) => {
      let top = 0;
      let ekman = 0;
      for (const c of cases) {
        const label = topEmotionLabel(await reader.classify(pick(c)), thresholds);
        if (label === c.label) top++;
        if (EKMAN_OF[label] === EKMAN_OF[c.label]) ekman++;
      }
      return { topLabelAccuracy: round(top / cases.length), ekmanAccuracy: round(ekman / cases.length) };
    };
    const english = await accuracy(trained, (c) => c.en);
    const spanishRaw = await accuracy(noGloss, (c) => c.es);
    const spanishGlossed = await accuracy(trained, (c) => c.es);
    ctx.log(
      `fixture (${cases.length} sentences): en ${JSON.stringify(english)}, es raw ${JSON.stringify(spanishRaw)}, es glossed ${JSON.stringify(spanishGlossed)}`,
    );

    return {
      metrics: {
        'embedding-baseline': metricsOf(baselineEval),
        trained: {
          ...metricsOf(trainedEval),
          ...(trainedGroup ? { macroF1EkmanGroup: round(trainedGroup.macroF1Ekman) } : {}),
          msPerMessage: round(latency.mean, 1),
          msPerMessageP95: round(latency.p95, 1),
        },
        'fixture-en': english,
        'fixture-es-raw': spanishRaw,
        'fixture-es-glossed': spanishGlossed,
      },
      notes: {
        split: quick ? 'test (first 500 rows, --quick)' : 'test',
        rows: examples.length,
        modelVersion: trained.classifier.modelVersion,
        macroF1Ekman:
          '7 classes (anger, disgust, fear, joy, sadness, surprise, neutral), macro-averaged F1; gold and predicted ' +
          '28-label sets each mapped through the GoEmotions ekman_mapping and unioned. macroF1EkmanGroup (trained ' +
          'only): per group, max member-label probability against a per-group threshold tuned on dev.',
        baselineMapping: 'reading terms with weight ≥ 0.5 → GOEMOTIONS_OF_TERM; none → neutral',
        latency: {
          samples: sample.length,
          ...latency,
          note: 'one process, wasm single thread, includes embedding',
        },
        perLabel,
        ekmanPerClass: trainedEval.ekman.perLabel.map((s) => round(s.f1)),
      },
    };
  },
};
