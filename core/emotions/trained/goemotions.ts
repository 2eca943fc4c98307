import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { writeFileAtomic } from '../../util/atomic-write.js';
import type { Embedder } from '../../embeddings/embedder.js';

export type GoEmotionsSplit = 'train' | 'dev' | 'test';

export interface GoEmotionsExample {
  readonly text: string;
  /** Label ids (0-based line numbers of emotions.txt). */
  readonly labels: readonly number[];
  readonly id: string;
}

export interface GoEmotionsData {
  readonly labelNames: readonly string[];
  readonly examples: readonly GoEmotionsExample[];
}

/** Parses one split file: `text \t comma-separated label ids \t comment id`, no header. */
export function parseGoEmotionsTsv(content: string, labelCount: number): GoEmotionsExample[] {
  const out: GoEmotionsExample[] = [];
  for (const line of content.split('\n')) {
    if (!line.trim()) continue;
    const parts = line.split('\t');
    if (parts.length < 2) throw new Error(`malformed GoEmotions row: ${line.slice(0, 80)}`);
    const labels = parts[1]!
      .split(',')
      .map((s) => Number(s.trim()))
      .filter((n) => Number.isInteger(n) && n >= 0 && n < labelCount);
    out.push({ text: parts[0]!, labels, id: parts[2]?.trim() ?? '' });
  }
  return out;
}

/** Reads `<dir>/<split>.tsv.gz` (or `.tsv`) and `<dir>/emotions.txt`. */
export async function loadGoEmotions(dir: string, split: GoEmotionsSplit): Promise<GoEmotionsData> {
  const labelNames = (await readFile(path.join(dir, 'emotions.txt'), 'utf8'))
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
  let content: string;
  try {
    content = gunzipSync(await readFile(path.join(dir, `${split}.tsv.gz`))).toString('utf8');
  } catch {
    content = await readFile(path.join(dir, `${split}.tsv`), 'utf8');
  }
  return { labelNames, examples: parseGoEmotionsTsv(content, labelNames.length) };
}

const MAGIC = 'MTEM';

/** A row-major matrix of sentence embeddings for one split. */
export interface EmbeddedMatrix {
  readonly rows: number;
  readonly dims: number;
  readonly data: Float32Array;
}

function textsDigest(texts: readonly string[]): string {
  const h = createHash('sha256');
  for (const t of texts) h.update(t).update('\u0000');
  return h.digest('hex');
}

/**
 * Embeds every text once and keeps the matrix under `cacheDir` keyed by model id + split, so training and the
 * eval re-run in seconds (embedding ~54k sentences costs ~10 minutes on one core). A cache whose model id,
 * dimensions or text digest differ is ignored and rebuilt. These are public data-set sentences, never user text.
 */
export async function embedSplitCached(
  embedder: Embedder,
  cacheDir: string,
  split: string,
  texts: readonly string[],
  onProgress?: (done: number, total: number) => void,
): Promise<EmbeddedMatrix> {
  const safeModel = embedder.modelId.replace(/[^A-Za-z0-9._-]+/g, '_');
  const file = path.join(cacheDir, safeModel, `${split}.bin`);
  const digest = textsDigest(texts);
  const cached = await readMatrix(file, embedder.modelId, digest).catch(() => undefined);
  if (cached) return cached;
  const dims = embedder.dimensions;
  const data = new Float32Array(texts.length * dims);
  const chunk = 256;
  for (let i = 0; i < texts.length; i += chunk) {
    const vectors = await embedder.embedTexts(texts.slice(i, i + chunk));
    vectors.forEach((v, j) => data.set(v, (i + j) * dims));
    onProgress?.(Math.min(i + chunk, texts.length), texts.length);
  }
  const header = Buffer.from(JSON.stringify({ modelId: embedder.modelId, dims, rows: texts.length, digest }));
  const prefix = Buffer.alloc(8);
  prefix.write(MAGIC, 0, 'latin1');
  prefix.writeUInt32LE(header.length, 4);
  await writeFileAtomic(
    file,
    Buffer.concat([prefix, header, Buffer.from(data.buffer, data.byteOffset, data.byteLength)]),
  );
  return { rows: texts.length, dims, data };
}

async function readMatrix(
  file: string,
  modelId: string,
  digest: string,
): Promise<EmbeddedMatrix | undefined> {
  const buffer = await readFile(file);
  if (buffer.length < 8 || buffer.toString('latin1', 0, 4) !== MAGIC) return undefined;
  const headerLength = buffer.readUInt32LE(4);
  const header = JSON.parse(buffer.toString('utf8', 8, 8 + headerLength)) as {
    modelId: string;
    dims: number;
    rows: number;
    digest: string;
  };
  if (header.modelId !== modelId || header.digest !== digest) return undefined;
  const body = buffer.subarray(8 + headerLength);
  if (body.length !== header.rows * header.dims * 4) return undefined;
  const data = new Float32Array(header.rows * header.dims);
  new Uint8Array(data.buffer).set(body);
  return { rows: header.rows, dims: header.dims, data };
}
