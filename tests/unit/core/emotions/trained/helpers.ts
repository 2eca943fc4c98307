import { GOEMOTIONS_LABELS } from '../../../../../core/emotions/trained/labels.js';
import type { ModelParams, ModelShape } from '../../../../../core/emotions/trained/model.js';
import { seededRandom } from '../../../../../core/util/random.js';
import type { EmotionModelWeights } from '../../../../../core/emotions/trained/weights-io.js';

/** Small random weights of the real layout (28 labels) for an embedder of `inputDims` dimensions. */
export function syntheticWeights(
  embedderModelId: string,
  inputDims = 16,
  vocabulary: string[] = ['happy', 'sad', 'angry', '😂'],
  seed = 3,
): EmotionModelWeights {
  const shape: ModelShape = { inputDims, hidden: 8, labels: 28, vocabSize: vocabulary.length };
  const random = seededRandom(seed);
  const fill = (n: number) => Float32Array.from({ length: n }, () => random() - 0.5);
  const params: ModelParams = {
    w1: fill(inputDims * 8),
    b1: fill(8),
    w2: fill(8 * 28),
    b2: fill(28),
    bow: fill(vocabulary.length * 28),
  };
  return {
    header: {
      modelVersion: 'test',
      embedderModelId,
      shape,
      labels: [...GOEMOTIONS_LABELS],
      vocabulary,
      thresholds: GOEMOTIONS_LABELS.map(() => 0.5),
      calibration: GOEMOTIONS_LABELS.map(() => [1, 0] as [number, number]),
    },
    members: [params],
  };
}
