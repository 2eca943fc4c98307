/**
 * `npm run train:emotions -- --data ../shared/data/goemotions`: trains the GoEmotions classifier shipped in
 * data/emotion-model/ (weights + provenance). Train split for weights, dev split for early stopping and per-label
 * thresholds, test split only for the reported numbers.
 */
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { UseEmbedder } from '../core/embeddings/use-embedder.js';
import {
  ekmanProbabilities,
  evaluateWithEkmanThresholds,
  evaluateProbabilities,
  type EmotionEvaluation,
} from '../core/emotions/trained/evaluate.js';
import { buildVocabulary, tokenIds } from '../core/emotions/trained/features.js';
import {
  embedSplitCached,
  loadGoEmotions,
  type GoEmotionsData,
  type GoEmotionsSplit,
} from '../core/emotions/trained/goemotions.js';
import { EKMAN_GROUPS, GOEMOTIONS_LABELS, toEkman } from '../core/emotions/trained/labels.js';
import { fitPlatt, tuneThresholds } from '../core/emotions/trained/metrics.js';
import { predictRows, type ModelParams, type ModelShape } from '../core/emotions/trained/model.js';
import { train, type TrainingSet } from '../core/emotions/trained/trainer.js';
import { loadWeights, saveWeights } from '../core/emotions/trained/weights-io.js';
import { DEFAULT_WEIGHTS_FILE, MODEL_VERSION } from '../core/emotions/trained/trained-reader.js';
import type { Step } from './steps.js';

const L = GOEMOTIONS_LABELS.length;

interface Split {
  data: GoEmotionsData;
  set: TrainingSet;
  gold: Set<number>[];
}

function round(x: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function summary(e: EmotionEvaluation) {
  return {
    macroF1: round(e.macroF1),
    macroF1Ekman: round(e.macroF1Ekman),
    microF1: round(e.microF1),
    perLabelF1: Object.fromEntries(GOEMOTIONS_LABELS.map((l, k) => [l, round(e.labels.perLabel[k]!.f1, 3)])),
  };
}

export const trainEmotionsStep: Step = {
  name: 'train-emotions',
  description: 'train the GoEmotions emotion classifier (data/emotion-model/)',
  options: {
    data: { type: 'string', default: '../shared/data/goemotions' },
    out: { type: 'string', default: DEFAULT_WEIGHTS_FILE },
    cache: { type: 'string', default: 'var/emotion-embeddings' },
    hidden: { type: 'string', default: '256' },
    epochs: { type: 'string', default: '12' },
    vocab: { type: 'string', default: '5000' },
    'learning-rate': { type: 'string', default: '0.001' },
    'weight-decay': { type: 'string', default: '0.0001' },
    dropout: { type: 'string', default: '0.3' },
    'pos-weight-power': { type: 'string', default: '0.5' },
    /**
     * Skip training: reload the members in --out and redo only the dev-split steps (thresholds, Ekman thresholds,
     * calibration) and the reported metrics. Training facts are carried over from the existing provenance.json.
     */
    retune: { type: 'boolean', default: false },
    /** Comma-separated; one ensemble member per seed. */
    seeds: { type: 'string' },
  },
  async run(values) {
    const started = Date.now();
    const dataDir = path.resolve(String(values.data));
    const cacheDir = path.resolve(String(values.cache));
    const out = path.resolve(String(values.out));
    const num = (name: string) => {
      const v = Number(values[name]);
      if (!Number.isFinite(v)) throw new Error(`--${name} must be a number`);
      return v;
    };
    const embedder = new UseEmbedder(64);
    const load = async (split: GoEmotionsSplit) => {
      const data = await loadGoEmotions(dataDir, split);
      if (data.labelNames.join(',') !== GOEMOTIONS_LABELS.join(','))
        throw new Error(`${dataDir}/emotions.txt does not list the 28 GoEmotions labels in order`);
      const t0 = Date.now();
      let last = 0;
      const matrix = await embedSplitCached(
        embedder,
        cacheDir,
        split,
        data.examples.map((e) => e.text),
        (done, total) => {
          if (Date.now() - last > 20_000) {
            last = Date.now();
            console.log(
              `  embedding ${split}: ${done}/${total} (${((Date.now() - t0) / done).toFixed(1)} ms/text)`,
            );
          }
        },
      );
      return { data, matrix };
    };
    console.log(`loading and embedding GoEmotions from ${dataDir} (cached in ${cacheDir})`);
    const raw = { train: await load('train'), dev: await load('dev'), test: await load('test') };
    const embedSeconds = (Date.now() - started) / 1000;
    const vocabulary = buildVocabulary(
      raw.train.data.examples.map((e) => e.text),
      num('vocab'),
      3,
    );
    const vocabIndex = new Map(vocabulary.map((t, i) => [t, i]));
    const prepare = ({ data, matrix }: (typeof raw)['train']): Split => {
      const rows = data.examples.length;
      const y = new Uint8Array(rows * L);
      data.examples.forEach((e, r) => e.labels.forEach((k) => (y[r * L + k] = 1)));
      return {
        data,
        set: { rows, x: matrix.data, y, tokens: data.examples.map((e) => tokenIds(e.text, vocabIndex)) },
        gold: data.examples.map((e) => new Set(e.labels)),
      };
    };
    const trainSplit = prepare(raw.train);
    const dev = prepare(raw.dev);
    const test = prepare(raw.test);
    let shape: ModelShape = {
      inputDims: embedder.dimensions,
      hidden: num('hidden'),
      labels: L,
      vocabSize: vocabulary.length,
    };
    const power = num('pos-weight-power');
    const positiveWeight = new Float32Array(L);
    for (let k = 0; k < L; k++) {
      let pos = 0;
      for (let r = 0; r < trainSplit.set.rows; r++) pos += trainSplit.set.y[r * L + k]!;
      positiveWeight[k] = Math.min(
        30,
        Math.max(1, ((trainSplit.set.rows - pos) / Math.max(pos, 1)) ** power),
      );
    }
    const options = {
      hidden: shape.hidden,
      epochs: num('epochs'),
      batchSize: 64,
      learningRate: num('learning-rate'),
      weightDecay: num('weight-decay'),
      dropout: num('dropout'),
      positiveWeight,
    };
    const seeds = String(values.seeds ?? '7')
      .split(',')
      .map((x) => Number(x.trim()));
    if (seeds.length === 0 || seeds.some((x) => !Number.isInteger(x)))
      throw new Error('--seeds must list integers');

    const trainStarted = Date.now();
    let epochStarted = Date.now();
    let members: ModelParams[] = [];
    let bestEpochs: number[] = [];
    let previous: Partial<Provenance> = {};
    if (values.retune === true) {
      const existing = await loadWeights(out);
      previous = JSON.parse(
        await readFile(path.join(path.dirname(out), 'provenance.json'), 'utf8').catch(() => '{}'),
      ) as Partial<Provenance>;
      // The architecture is whatever was trained (--hidden is ignored here).
      shape = existing.header.shape;
      if (existing.header.vocabulary.join('\n') !== vocabulary.join('\n'))
        throw new Error(`${out} was trained with another vocabulary; retrain instead of --retune`);
      // --seeds with --retune keeps only the members trained with those seeds (e.g. the best one on dev).
      const keep = values.seeds === undefined ? undefined : seeds;
      const trainedSeeds = previous.seeds ?? existing.members.map((_, i) => i);
      members = existing.members.filter((_, i) => keep === undefined || keep.includes(trainedSeeds[i]!));
      if (members.length === 0) throw new Error(`none of --seeds ${seeds.join(',')} is in ${out}`);

      bestEpochs = (previous.bestEpochs ?? []).filter(
        (_, i) => keep === undefined || keep.includes(trainedSeeds[i]!),
      );
      console.log(`retuning ${members.length} member(s) from ${out}`);
    }
    if (values.retune !== true)
      console.log(`training ${JSON.stringify({ ...shape, ...options, positiveWeight: undefined })}`);
    for (const seed of values.retune === true ? [] : seeds) {
      console.log(`member ${members.length + 1}/${seeds.length} (seed ${seed})`);
      const result = train(shape, trainSplit.set, {
        ...options,
        seed,
        onEpoch: (epoch, params, loss) => {
          const probs = predictRows(shape, params, dev.set.x, dev.set.tokens);
          const e = evaluateProbabilities(probs, tuneThresholds(probs, dev.gold, L), dev.gold);
          console.log(
            `  epoch ${epoch}: loss ${loss.toFixed(4)}, dev macro-F1 ${e.macroF1.toFixed(4)} ` +
              `(Ekman ${e.macroF1Ekman.toFixed(4)}) in ${((Date.now() - epochStarted) / 1000).toFixed(0)} s`,
          );
          epochStarted = Date.now();
          return e.macroF1;
        },
      });
      members.push(result.params);
      bestEpochs.push(result.bestEpoch);
    }
    const trainSeconds = previous.timing?.trainSeconds ?? (Date.now() - trainStarted) / 1000;
    const devProbs = predictRows(shape, members, dev.set.x, dev.set.tokens);
    const thresholds = tuneThresholds(devProbs, dev.gold, L);
    const ekmanThresholds = tuneThresholds(
      ekmanProbabilities(devProbs, dev.set.rows),
      dev.gold.map(toEkman),
      EKMAN_GROUPS.length,
    );
    // Ekman is reported as the union of mapped 28-label decisions (better on dev than per-group thresholds,
    // which are kept as a second number).
    const devEval = evaluateProbabilities(devProbs, thresholds, dev.gold);
    const devGroup = evaluateWithEkmanThresholds(devProbs, thresholds, ekmanThresholds, dev.gold);
    const calibration = GOEMOTIONS_LABELS.map((_, k) => {
      const p = new Float32Array(dev.set.rows);
      const y = new Uint8Array(dev.set.rows);
      for (let r = 0; r < dev.set.rows; r++) {
        p[r] = devProbs[r * L + k]!;
        y[r] = dev.set.y[r * L + k]!;
      }
      const [a, b] = fitPlatt(p, y);
      return [round(a, 4), round(b, 4)] as [number, number];
    });
    const testProbs = predictRows(shape, members, test.set.x, test.set.tokens);
    const testEval = evaluateProbabilities(testProbs, thresholds, test.gold);
    const testGroup = evaluateWithEkmanThresholds(testProbs, thresholds, ekmanThresholds, test.gold);
    console.log(`best epochs ${bestEpochs.join(', ')}; ensemble dev ${JSON.stringify(summary(devEval))}`);
    console.log(`test ${JSON.stringify(summary(testEval))}`);
    await saveWeights(out, {
      header: {
        modelVersion: MODEL_VERSION,
        embedderModelId: embedder.modelId,
        shape,
        labels: [...GOEMOTIONS_LABELS],
        vocabulary,
        thresholds: Array.from(thresholds, (t) => round(t, 2)),
        ekmanThresholds: Array.from(ekmanThresholds, (t) => round(t, 2)),
        calibration,
      },
      members,
    });
    const provenance: Provenance = {
      modelVersion: MODEL_VERSION,
      weightsFile: path.basename(out),
      dataSet: 'GoEmotions (Demszky et al., ACL 2020), original filtered splits',
      dataSource:
        'see ../shared/data/goemotions/SOURCE.md (monologg/GoEmotions-pytorch @ b75f9d3, Apache-2.0)',
      splits: {
        train: { rows: trainSplit.set.rows, use: 'weights' },
        dev: { rows: dev.set.rows, use: 'early stopping (best epoch) and per-label thresholds' },
        test: { rows: test.set.rows, use: 'reported metrics only' },
      },
      command: previous.command ?? `npm run train:emotions -- ${process.argv.slice(3).join(' ')}`.trim(),
      ...(values.retune === true
        ? { retunedWith: `npm run train:emotions -- ${process.argv.slice(3).join(' ')}`.trim() }
        : {}),
      embedder: embedder.modelId,
      shape,
      options: previous.options ?? {
        ...options,
        positiveWeight: Array.from(positiveWeight, (w) => round(w, 2)),
      },
      seeds: previous.seeds ?? seeds,
      keptSeeds: values.retune === true && values.seeds !== undefined ? seeds : (previous.seeds ?? seeds),
      bestEpochs,
      thresholds: Object.fromEntries(GOEMOTIONS_LABELS.map((l, k) => [l, round(thresholds[k]!, 2)])),
      metrics: {
        dev: { ...summary(devEval), macroF1EkmanGroup: round(devGroup.macroF1Ekman) },
        test: { ...summary(testEval), macroF1EkmanGroup: round(testGroup.macroF1Ekman) },
      },
      ekmanThresholds: Object.fromEntries(EKMAN_GROUPS.map((g, k) => [g, round(ekmanThresholds[k]!, 2)])),
      timing: {
        embedSeconds: round(embedSeconds, 0),
        trainSeconds: round(trainSeconds, 0),
        cpus: os.cpus().length,
      },
      trainedAt: previous.trainedAt ?? new Date().toISOString(),
    };
    await writeFile(
      path.join(path.dirname(out), 'provenance.json'),
      `${JSON.stringify(provenance, null, 2)}\n`,
    );
    await writeFile(path.join(path.dirname(out), 'PROVENANCE.md'), provenanceMarkdown(provenance, testEval));
    console.log(`wrote ${out} and provenance.json in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    return 0;
  },
};

interface Provenance {
  modelVersion: string;
  weightsFile: string;
  dataSet: string;
  dataSource: string;
  splits: Record<string, { rows: number; use: string }>;
  command: string;
  retunedWith?: string;
  embedder: string;
  shape: ModelShape;
  options: Record<string, unknown>;
  /** Seeds trained (training time covers all of them). */
  seeds: number[];
  /** Seeds whose members are in the weights file. */
  keptSeeds: number[];
  bestEpochs: number[];
  thresholds: Record<string, number>;
  ekmanThresholds: Record<string, number>;
  metrics: {
    dev: ReturnType<typeof summary> & { macroF1EkmanGroup: number };
    test: ReturnType<typeof summary> & { macroF1EkmanGroup: number };
  };
  timing: { embedSeconds: number; trainSeconds: number; cpus: number };
  trainedAt: string;
}

function provenanceMarkdown(p: Provenance, test: EmotionEvaluation): string {
  const rows = GOEMOTIONS_LABELS.map(
    (l, k) =>
      `| ${l} | ${test.labels.perLabel[k]!.support} | ${test.labels.perLabel[k]!.precision.toFixed(3)} | ` +
      `${test.labels.perLabel[k]!.recall.toFixed(3)} | ${test.labels.perLabel[k]!.f1.toFixed(3)} |`,
  );
  return `# Emotion model provenance (generated by \`npm run train:emotions\`; do not edit by hand)

- **Weights**: \`${p.weightsFile}\` (format MTEW v1, float16, SHA-256 in the header), model \`${p.modelVersion}\`
- **Data set**: GoEmotions (Demszky et al., ACL 2020), original filtered splits, Apache-2.0; copy described in
  \`../shared/data/goemotions/SOURCE.md\`. The data is not in this repository.
- **Splits**: train (43,410) → weights; dev (5,426) → best epoch, per-label and per-Ekman-group thresholds, Platt calibration;
  test (5,427) → the numbers below only.
- **Features**: ${p.embedder} sentence embedding (${p.shape.inputDims}-d) + bag of ${p.shape.vocabSize} train-split words/emoji
- **Model**: ${p.shape.inputDims} → ${p.shape.hidden} ReLU (dropout) → ${p.shape.labels} sigmoid, plus a linear bag-of-words term; seeds trained ${p.seeds.join(', ')}, shipped ${p.keptSeeds.join(', ')} (best epochs ${p.bestEpochs.join(', ')}; several members are averaged)
- **Command**: \`${p.command}\`
- **Trained**: ${p.trainedAt} on ${p.timing.cpus} shared cores; training ${p.timing.trainSeconds} s for all seeds trained (embeddings, cached separately: ${p.timing.embedSeconds} s this run)

## Metrics

| split | macro-F1 (28) | macro-F1 Ekman (7) | micro-F1 (28) |
| --- | ---: | ---: | ---: |
| dev | ${p.metrics.dev.macroF1} | ${p.metrics.dev.macroF1Ekman} | ${p.metrics.dev.microF1} |
| test | ${p.metrics.test.macroF1} | ${p.metrics.test.macroF1Ekman} | ${p.metrics.test.microF1} |

Ekman (7 classes: anger, disgust, fear, joy, sadness, surprise, neutral; macro-F1): gold and predicted 28-label
sets are each mapped through the GoEmotions ekman_mapping and unioned. Alternative (per group, the highest member
probability against a per-group threshold tuned on dev): dev ${p.metrics.dev.macroF1EkmanGroup}, test
${p.metrics.test.macroF1EkmanGroup}.
${p.retunedWith ? `\nThresholds and calibration re-tuned on dev with \`${p.retunedWith}\` (weights unchanged).\n` : ''}
Per-label on test:

| label | support | precision | recall | F1 |
| --- | ---: | ---: | ---: | ---: |
${rows.join('\n')}
`;
}
