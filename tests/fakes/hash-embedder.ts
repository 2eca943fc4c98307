import { createHash } from 'node:crypto';
import type { Embedder } from '../../core/embeddings/embedder.js';
import { l2normalize } from '../../core/embeddings/embedder.js';

/**
 * A deterministic stand-in for the USE model (an in-memory implementation of our own Embedder port): each text
 * maps to a fixed unit vector derived from its SHA-256, so tests that only move vectors around (loading,
 * syncing, persistence) need not load the model. Similarity between different texts is meaningless.
 */
export class HashEmbedder implements Embedder {
  readonly modelId = 'test-hash';
  calls = 0;

  constructor(readonly dimensions = 16) {}

  embedTexts(texts: readonly string[]): Promise<Float32Array[]> {
    this.calls += texts.length;
    return Promise.resolve(
      texts.map((text) => {
        const bytes = createHash('sha256').update(text).digest();
        return l2normalize(Array.from({ length: this.dimensions }, (_, i) => bytes[i % 32]! - 127.5));
      }),
    );
  }

  async embedText(text: string): Promise<Float32Array> {
    return (await this.embedTexts([text]))[0]!;
  }
}
