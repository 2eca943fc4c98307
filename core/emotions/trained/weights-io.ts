import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { DataFileError } from '../../errors.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { PARAM_NAMES, paramSizes, type ModelParams } from './model.js';

const MAGIC = 'MTEW';
export const WEIGHTS_FORMAT_VERSION = 1;

/** Everything the reader needs besides the tensors; stored as the JSON header of the weights file. */
export const WeightsHeaderSchema = z.object({
  format: z.literal(WEIGHTS_FORMAT_VERSION),
  /** Free-form model version, bumped when the recipe changes. */
  modelVersion: z.string(),
  /** The sentence embedder the model was trained on; a different embedder makes the weights meaningless. */
  embedderModelId: z.string(),
  shape: z.object({
    inputDims: z.number().int().positive(),
    hidden: z.number().int().positive(),
    labels: z.number().int().positive(),
    vocabSize: z.number().int().nonnegative(),
  }),
  labels: z.array(z.string()),
  vocabulary: z.array(z.string()),
  /** Per-label decision thresholds, tuned on the dev split. */
  thresholds: z.array(z.number().min(0).max(1)),
  /**
   * Per-label Platt scaling [a, b] fitted on the dev split: calibrated p = σ(a · logit(p) + b). Class-weighted
   * training inflates raw probabilities; calibrated ones make `confidence` mean what it says.
   */
  calibration: z.array(z.tuple([z.number(), z.number()])),
  /**
   * Per-Ekman-group thresholds (anger, disgust, fear, joy, sadness, surprise, neutral) on the group score = max of
   * its member labels' probabilities, tuned on dev; used only to report Ekman-level metrics.
   */
  ekmanThresholds: z.array(z.number().min(0).max(1)).length(7).optional(),
  /** Ensemble size: the file holds this many parameter sets (same shape); the reader averages their outputs. */
  members: z.number().int().min(1).max(16),
  dtype: z.literal('float16'),
  /** SHA-256 (hex) of the tensor bytes. */
  checksum: z.string().regex(/^[0-9a-f]{64}$/),
});
export type WeightsHeader = z.infer<typeof WeightsHeaderSchema>;

export interface EmotionModelWeights {
  header: Omit<WeightsHeader, 'checksum' | 'format' | 'dtype' | 'members'>;
  /** One parameter set per ensemble member (trained with different seeds). */
  members: ModelParams[];
}

// IEEE 754 half precision conversions (Node 20 has no Float16Array). Round to nearest even on the mantissa.
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

export function toFloat16(value: number): number {
  f32[0] = value;
  const x = u32[0]!;
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  let e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    const half = 1 << (shift - 1);
    let m = mant >>> shift;
    const rest = mant & ((1 << shift) - 1);
    if (rest > half || (rest === half && m & 1)) m++;
    return sign | m;
  }
  let m = mant >>> 13;
  const rest = mant & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && m & 1)) {
    m++;
    if (m === 0x400) {
      m = 0;
      e++;
      if (e >= 0x1f) return sign | 0x7c00;
    }
  }
  return sign | (e << 10) | m;
}

export function fromFloat16(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >>> 10) & 0x1f;
  const mant = h & 0x3ff;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 0x1f) return mant ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}

/**
 * File layout: "MTEW" | u32 format version | u32 header length | header JSON | tensors as little-endian float16
 * in PARAM_NAMES order (w1, b1, w2, b2, bow). The header carries shape, labels, vocabulary, thresholds and a
 * SHA-256 of the tensor bytes, so a truncated or edited file is detected rather than silently mis-read.
 */
export function encodeWeights(weights: EmotionModelWeights): Buffer {
  const sizes = paramSizes(weights.header.shape);
  const total = PARAM_NAMES.reduce((s, n) => s + sizes[n], 0);
  if (weights.members.length === 0) throw new Error('no ensemble members to save');
  const body = Buffer.alloc(total * 2 * weights.members.length);
  let offset = 0;
  for (const params of weights.members) {
    for (const name of PARAM_NAMES) {
      const tensor = params[name];
      if (tensor.length !== sizes[name])
        throw new Error(`tensor ${name} has ${tensor.length} values, shape says ${sizes[name]}`);
      for (let i = 0; i < tensor.length; i++) {
        body.writeUInt16LE(toFloat16(tensor[i]!), offset);
        offset += 2;
      }
    }
  }
  const header: WeightsHeader = {
    ...weights.header,
    members: weights.members.length,
    format: WEIGHTS_FORMAT_VERSION,
    dtype: 'float16',
    checksum: createHash('sha256').update(body).digest('hex'),
  };
  const json = Buffer.from(JSON.stringify(header));
  const prefix = Buffer.alloc(12);
  prefix.write(MAGIC, 0, 'latin1');
  prefix.writeUInt32LE(WEIGHTS_FORMAT_VERSION, 4);
  prefix.writeUInt32LE(json.length, 8);
  return Buffer.concat([prefix, json, body]);
}

/** Parses a weights file; throws DataFileError naming `file` and what is wrong. */
export function decodeWeights(buffer: Buffer, file: string): EmotionModelWeights {
  const fail = (message: string, cause?: unknown): never => {
    throw new DataFileError(file, [{ message }], { cause });
  };
  if (buffer.length < 12 || buffer.toString('latin1', 0, 4) !== MAGIC)
    fail('not an emotion model weights file');
  const version = buffer.readUInt32LE(4);
  if (version !== WEIGHTS_FORMAT_VERSION)
    fail(`format version ${version}, expected ${WEIGHTS_FORMAT_VERSION}`);
  const headerLength = buffer.readUInt32LE(8);
  if (12 + headerLength > buffer.length) fail('truncated header');
  let raw: unknown;
  try {
    raw = JSON.parse(buffer.toString('utf8', 12, 12 + headerLength));
  } catch (error) {
    fail('header is not valid JSON', error);
  }
  const parsed = WeightsHeaderSchema.safeParse(raw);
  if (!parsed.success) return fail(`invalid header: ${parsed.error.issues[0]?.message ?? 'unknown'}`);
  const header = parsed.data;
  const { shape } = header;
  if (
    header.labels.length !== shape.labels ||
    header.thresholds.length !== shape.labels ||
    header.calibration.length !== shape.labels
  )
    fail('labels/thresholds do not match the shape');
  if (header.vocabulary.length !== shape.vocabSize) fail('vocabulary does not match the shape');
  const sizes = paramSizes(shape);
  const total = PARAM_NAMES.reduce((s, n) => s + sizes[n], 0);
  const body = buffer.subarray(12 + headerLength);
  const needed = total * 2 * header.members;
  if (body.length !== needed) fail(`body has ${body.length} bytes, shape needs ${needed}`);
  if (createHash('sha256').update(body).digest('hex') !== header.checksum) fail('checksum mismatch');
  let offset = 0;
  const read = (n: number) => {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      out[i] = fromFloat16(body.readUInt16LE(offset));
      offset += 2;
    }
    return out;
  };
  const members: ModelParams[] = [];
  for (let m = 0; m < header.members; m++) {
    const params = {} as ModelParams;
    for (const name of PARAM_NAMES) params[name] = read(sizes[name]);
    for (const name of PARAM_NAMES)
      if (params[name].some((v) => !Number.isFinite(v))) fail(`non-finite ${name}`);
    members.push(params);
  }
  const { format: _f, dtype: _d, checksum: _c, members: _m, ...rest } = header;
  return { header: rest, members };
}

export async function saveWeights(file: string, weights: EmotionModelWeights): Promise<void> {
  await writeFileAtomic(file, encodeWeights(weights));
}

/** Reads and validates a weights file; DataFileError (naming the file) when missing or corrupt. */
export async function loadWeights(file: string): Promise<EmotionModelWeights> {
  let buffer: Buffer;
  try {
    buffer = await readFile(file);
  } catch (error) {
    throw new DataFileError(
      file,
      [{ message: `cannot read weights (${(error as NodeJS.ErrnoException).code ?? 'error'})` }],
      {
        cause: error,
      },
    );
  }
  return decodeWeights(buffer, file);
}
