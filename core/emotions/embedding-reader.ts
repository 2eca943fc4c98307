import { dot, type Embedder } from '../embeddings/embedder.js';
import { scanEmotions, weighHits } from './lexical-scan.js';
import { neutralReading, type EmotionReader, type EmotionReading, type EmotionWeight } from './reader.js';
import { EMOTION_TERMS, cueOf, moodPointOfMany, type Emotion } from './vocabulary.js';

const TOP_K = 6;
/** Cosine similarity (USE) above which a vocabulary term counts as evidence. */
const SIMILARITY_FLOOR = 0.25;

/** The texts embedded for each vocabulary term (also pre-embedded into the shipped vector cache). */
export function vocabularyGlosses(): string[] {
  return EMOTION_TERMS.map((t) => `feeling ${t}: ${cueOf(t)}`);
}

/**
 * The first local reader: lexical hits (with negation and intensity) plus embedding similarity between the
 * message and a short gloss of every vocabulary term. Lexical evidence dominates; embeddings fill in when people
 * describe feelings without naming them ("I just want to crawl under the covers").
 */
export class EmbeddingEmotionReader implements EmotionReader {
  readonly name = 'embedding-baseline';
  private termVectors: Promise<Float32Array[]> | undefined;

  /**
   * @param embedder embeds messages (never cached on disk)
   * @param termEmbedder embeds the vocabulary glosses; pass a caching one so restarts skip them
   */
  constructor(
    private readonly embedder: Embedder,
    private readonly termEmbedder: Embedder = embedder,
  ) {}

  private vectors(): Promise<Float32Array[]> {
    this.termVectors ??= this.termEmbedder.embedTexts(vocabularyGlosses());
    return this.termVectors;
  }

  async read(text: string): Promise<EmotionReading> {
    const clean = text.trim().slice(0, 2000);
    const { weights, negated } = weighHits(scanEmotions(clean));
    const letters = clean.replace(/[^\p{L}]/gu, '');
    let embeddingEvidence: EmotionWeight[] = [];
    let bestGap = 0;
    if (letters.length >= 3) {
      const [message, terms] = await Promise.all([this.embedder.embedText(clean), this.vectors()]);
      const all = EMOTION_TERMS.map((emotion, i) => ({ emotion, sim: dot(message, terms[i]!) }));
      const mean = all.reduce((sum, s) => sum + s.sim, 0) / all.length;
      bestGap = Math.max(...all.map((s) => s.sim)) - mean;
      const scored = all
        .filter((s) => s.sim >= SIMILARITY_FLOOR && !negated.includes(s.emotion))
        .sort((a, b) => b.sim - a.sim)
        .slice(0, TOP_K);
      const best = scored[0]?.sim ?? 0;
      embeddingEvidence = scored
        .filter((s) => s.sim >= best - 0.08)
        .map((s) => ({ emotion: s.emotion, weight: Math.min(1, (s.sim - SIMILARITY_FLOOR) / 0.25) }));
    }
    const combined = new Map<Emotion, number>(weights);
    const embeddingScale = weights.size > 0 ? 0.35 : 0.8;
    for (const { emotion, weight } of embeddingEvidence) {
      combined.set(emotion, (combined.get(emotion) ?? 0) + embeddingScale * weight);
    }
    if (combined.size === 0) return { ...neutralReading(this.name), negated };
    const max = Math.max(...combined.values());
    const emotions = [...combined.entries()]
      .map(([emotion, w]) => ({ emotion, weight: w / max }))
      .filter((e) => e.weight >= 0.2)
      .sort((a, b) => b.weight - a.weight)
      .slice(0, TOP_K);
    const point = moodPointOfMany(emotions)!;
    // Without a named feeling, USE similarities are poorly calibrated (gibberish scores 0.4 against some gloss), but
    // text that means something stands out from the average gloss by more (measured: ≥ 0.2 vs ≤ 0.18 for gibberish).
    const confidence = weights.size > 0 ? Math.min(1, 0.6 + 0.1 * weights.size) : bestGap >= 0.2 ? 0.4 : 0.2;
    return { emotions, negated, confidence, reader: this.name, ...point };
  }
}
