import { describe, expect, it } from 'vitest';
import { BatchingEmbedder } from '../../../../core/embeddings/batching-embedder.js';
import { l2normalize, type Embedder } from '../../../../core/embeddings/embedder.js';

/** Records each call's batch; can be told to fail. */
class RecordingEmbedder implements Embedder {
  readonly modelId = 'rec-3';
  readonly dimensions = 3;
  calls: string[][] = [];
  failWith: Error | undefined;
  embedTexts(texts: readonly string[]): Promise<Float32Array[]> {
    this.calls.push([...texts]);
    if (this.failWith) return Promise.reject(this.failWith);
    return Promise.resolve(texts.map((t) => l2normalize([t.length, 1, 0])));
  }
  async embedText(text: string): Promise<Float32Array> {
    return (await this.embedTexts([text]))[0]!;
  }
}

describe('BatchingEmbedder', () => {
  it('coalesces concurrent requests into one model call and gives each caller its own vector', async () => {
    const inner = new RecordingEmbedder();
    const batching = new BatchingEmbedder(inner);
    const [a, b, c] = await Promise.all([
      batching.embedText('a'),
      batching.embedText('bbb'),
      batching.embedTexts(['cc']),
    ]);
    expect(inner.calls).toEqual([['a', 'bbb', 'cc']]);
    expect(Array.from(a)).toEqual(Array.from(l2normalize([1, 1, 0])));
    expect(Array.from(b)).toEqual(Array.from(l2normalize([3, 1, 0])));
    expect(Array.from(c[0]!)).toEqual(Array.from(l2normalize([2, 1, 0])));
  });

  it('splits at the maximum batch size and passes large jobs straight through', async () => {
    const inner = new RecordingEmbedder();
    const batching = new BatchingEmbedder(inner, { maxBatch: 2 });
    await Promise.all(['1', '2', '3'].map((t) => batching.embedText(t)));
    expect(inner.calls).toEqual([['1', '2'], ['3']]);
    await batching.embedTexts(['x', 'y', 'z']);
    expect(inner.calls.at(-1)).toEqual(['x', 'y', 'z']);
  });

  it('rejects every caller of a failed batch, and later batches still work', async () => {
    const inner = new RecordingEmbedder();
    const batching = new BatchingEmbedder(inner);
    inner.failWith = new Error('model crashed');
    const results = await Promise.allSettled([batching.embedText('a'), batching.embedText('b')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    inner.failWith = undefined;
    await expect(batching.embedText('c')).resolves.toHaveLength(3);
  });

  it('keeps the model id, so caches stay valid', () => {
    expect(new BatchingEmbedder(new RecordingEmbedder()).modelId).toBe('rec-3');
  });
});
