import { gaussian, seededRandom } from '../core/util/random.js';
import type { IndexedTrack } from '../core/catalog/track-index.js';
import type { Emotion } from '../core/emotions/vocabulary.js';
import { EMOTION_TERMS } from '../core/emotions/vocabulary.js';

function unit(v: Float32Array): Float32Array {
  let n = 0;
  for (const x of v) n += x * x;
  n = Math.sqrt(n) || 1;
  for (let i = 0; i < v.length; i++) v[i]! /= n;
  return v;
}

/**
 * Clustered unit vectors (like real embeddings: many songs share a mood), wrapped as tracks with varied
 * languages, genres and years so filters have something to do.
 */
export function syntheticTracks(count: number, dimensions: number, seed = 7, clusters = 64): IndexedTrack[] {
  const random = seededRandom(seed);
  const centers = Array.from({ length: clusters }, () =>
    unit(Float32Array.from({ length: dimensions }, () => gaussian(random))),
  );
  const languages = ['en', 'en', 'en', 'es', 'es', 'pt', 'fr'];
  const genres = ['pop', 'rock', 'indie', 'latin pop', 'hip hop', 'folk', 'electronic', 'soul'];
  return Array.from({ length: count }, (_, i) => {
    const center = centers[Math.floor(random() * clusters)]!;
    const emotion = unit(
      Float32Array.from(center, (c) => c + ((0.35 * gaussian(random)) / Math.sqrt(dimensions)) * 4),
    );
    const emotions = [EMOTION_TERMS[Math.floor(random() * EMOTION_TERMS.length)]!] as Emotion[];
    return {
      track: {
        id: `syn-${i}`,
        title: `Synthetic ${i}`,
        artists: [`Artist ${i % 5000}`],
        genres: [genres[i % genres.length]!],
        language: languages[i % languages.length]!,
        year: 1960 + (i % 65),
        emotions,
        summary: 'A synthetic song used only for benchmarks.',
      },
      vectors: { emotion },
    };
  });
}

/** Query vectors drawn near the same kind of clusters. */
export function syntheticQueries(count: number, dimensions: number, seed = 11): Float32Array[] {
  return syntheticTracks(count, dimensions, seed).map((t) => t.vectors.emotion!);
}
