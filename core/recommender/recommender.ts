import type { Logger } from 'pino';
import type { Catalog } from '../catalog/catalog.js';
import {
  compileFilter,
  type ScoredTrack,
  type TrackFilter,
  type TrackIndex,
} from '../catalog/track-index.js';
import type { Track } from '../catalog/track.js';
import { dot, type Embedder } from '../embeddings/embedder.js';
import type { EmotionWeight } from '../emotions/reader.js';
import type { Emotion, MoodPoint } from '../emotions/vocabulary.js';
import { LruCache } from '../util/lru.js';
import type { AlsNeighbours } from './als-neighbours.js';
import { explain } from './explain.js';
import { arc, moodCloseness, moodPointOfTrack, targetEmotionsFor, targetFor, type MoodGoal } from './mood.js';

export interface RecommendRequest {
  /** What the listener feels (most salient first). May be empty when they only named a theme or a seed. */
  emotions: readonly EmotionWeight[];
  /** Their current position on the valence/arousal plane. */
  mood: MoodPoint;
  goal: MoodGoal;
  /** Where the set should end; defaults to `targetFor(goal, mood)`. */
  target?: MoodPoint;
  /** Free text describing a theme or situation ("the drive back from the funeral"); searched against summaries. */
  theme?: string;
  filter?: TrackFilter;
  /** Songs never to return (already shown in this conversation). */
  excludeIds?: readonly string[];
  /** "More like these": songs whose feel and theme the results should share. */
  seedTrackIds?: readonly string[];
  /** Songs the listener loved recently; their listening-data neighbours join the candidates. */
  lovedTrackIds?: readonly string[];
  /** Extra candidates from other sources (ALS neighbours, a listener profile): id → score 0…1 and a reason. */
  extraCandidates?: readonly { trackId: string; score: number; source: string; reason: string }[];
  limit: number;
  /** 0…1: more variety and less popularity bias ("surprise me"). */
  exploration?: number;
}

export interface Recommendation {
  track: Track;
  rank: number;
  score: number;
  /** One line a person reads: matched emotions, theme, place in the mood arc, source. */
  why: string;
  matchedEmotions: Emotion[];
  sources: string[];
  mood: MoodPoint;
}

interface Candidate {
  track: Track;
  emotionVector: Float32Array | undefined;
  lyricsVector: Float32Array | undefined;
  sources: Set<string>;
  extraScore: number;
  extraReason: string | undefined;
  point: MoodPoint;
  emotionSim: number;
  targetSim: number;
  themeSim: number;
  seedSim: number;
  overlap: number;
  matched: Emotion[];
}

export interface RecommenderOptions {
  /** Candidates pulled from each search. */
  poolSize?: number;
  /** Cosine similarity below which an emotion or theme hit is not relevant at all. */
  floor?: number;
  maxPerArtist?: number;
  /** Weight of relevance vs. novelty in MMR (1 = no diversity). */
  mmrLambda?: number;
  logger?: Logger;
}

const MAX_PER_ARTIST = 2;

/**
 * Candidates (emotion search, theme search, seed neighbours, extra sources) → weighted fusion with a
 * similarity floor and a popularity prior → filters, no repeats, artist cap, MMR diversity → mood-arc order
 * when lifting/calming/energizing → one-line explanation per song.
 */
export class Recommender {
  private readonly queryCache = new LruCache<string, Float32Array>(512);
  private readonly poolSize: number;
  private readonly floor: number;
  private readonly maxPerArtist: number;
  private readonly mmrLambda: number;

  constructor(
    private readonly deps: { index: TrackIndex; embedder: Embedder; catalog?: Catalog; als?: AlsNeighbours },
    options: RecommenderOptions = {},
  ) {
    this.poolSize = options.poolSize ?? 80;
    this.floor = options.floor ?? 0.3;
    this.maxPerArtist = options.maxPerArtist ?? MAX_PER_ARTIST;
    this.mmrLambda = options.mmrLambda ?? 0.75;
  }

  private async embedAll(texts: readonly string[]): Promise<Float32Array[]> {
    const missing = [...new Set(texts.filter((t) => !this.queryCache.get(t)))];
    if (missing.length > 0) {
      const vectors = await this.deps.embedder.embedTexts(missing);
      missing.forEach((t, i) => this.queryCache.set(t, vectors[i]!));
    }
    return texts.map((t) => this.queryCache.get(t)!);
  }

  /** Listening-data neighbours (ALS) of the seeds and of recently loved songs, as extra candidates. */
  private alsCandidates(
    request: RecommendRequest,
    exclude: readonly string[],
  ): NonNullable<RecommendRequest['extraCandidates']> {
    const als = this.deps.als;
    const seeds = [...(request.seedTrackIds ?? []), ...(request.lovedTrackIds ?? []).slice(-10)];
    if (!als || seeds.length === 0) return [];
    const title = (id: string) => this.deps.catalog?.get(id)?.title ?? 'that song';
    const artist = (id: string) => this.deps.catalog?.get(id)?.artists[0] ?? 'that artist';
    return als.neighbours(seeds, Math.ceil(this.poolSize / 2), exclude).map((n) => ({
      trackId: n.trackId,
      score: Math.max(0, n.score),
      source: 'als',
      reason:
        n.level === 'track'
          ? `listeners of “${title(n.seedId)}” also play it`
          : `${n.artist ?? 'its artist'} is a favourite of ${artist(n.seedId)} listeners`,
    }));
  }

  async recommend(request: RecommendRequest): Promise<Recommendation[]> {
    const limit = Math.max(0, Math.min(20, Math.floor(request.limit)));
    if (limit === 0) return [];
    const target = request.target ?? targetFor(request.goal, request.mood);
    const moving = request.goal !== 'match' && moodCloseness(request.mood, target) < 0.97;
    const targetEmotions = targetEmotionsFor(request.goal, target, 3);
    const feltText = emotionQueryText(request.emotions);
    const texts = [feltText || targetEmotions.join(', '), targetEmotions.join(', ')];
    const theme = request.theme?.trim().slice(0, 500);
    if (theme) texts.push(theme);
    const [feltVector, targetVector, themeVector] = await this.embedAll(texts);

    const filter: TrackFilter = {
      ...request.filter,
      excludeIds: [
        ...(request.filter?.excludeIds ?? []),
        ...(request.excludeIds ?? []),
        ...(request.seedTrackIds ?? []),
      ],
    };
    const seeds = request.seedTrackIds?.length
      ? await this.deps.index.get(request.seedTrackIds, ['emotion', 'lyrics'])
      : [];

    const pool = new Map<string, Candidate>();
    const add = (hits: ScoredTrack[], source: string) => {
      for (const hit of hits) {
        const existing = pool.get(hit.track.id);
        if (existing) existing.sources.add(source);
        else pool.set(hit.track.id, newCandidate(hit, source));
      }
    };
    const withVectors = ['emotion', 'lyrics'] as const;
    const searches: Promise<void>[] = [
      this.deps.index
        .search({ vector: 'emotion', query: feltVector!, limit: this.poolSize, filter, withVectors })
        .then((h) => add(h, 'emotion')),
    ];
    if (moving) {
      searches.push(
        this.deps.index
          .search({ vector: 'emotion', query: targetVector!, limit: this.poolSize, filter, withVectors })
          .then((h) => add(h, 'target')),
      );
    }
    if (themeVector) {
      searches.push(
        this.deps.index
          .search({
            vector: 'lyrics',
            query: themeVector,
            limit: this.poolSize,
            filter,
            withVectors,
            scoreThreshold: this.floor,
          })
          .then((h) => add(h, 'theme')),
      );
    }
    for (const seed of seeds) {
      for (const name of withVectors) {
        const vector = seed.vectors?.[name];
        if (!vector) continue;
        searches.push(
          this.deps.index
            .search({ vector: name, query: vector, limit: Math.ceil(this.poolSize / 2), filter, withVectors })
            .then((h) => add(h, 'seed')),
        );
      }
    }
    await Promise.all(searches);

    const extra = [
      ...(request.extraCandidates ?? []),
      ...this.alsCandidates(request, filter.excludeIds!),
    ].filter((e) => !filter.excludeIds!.includes(e.trackId));
    if (extra.length > 0) {
      const missing = extra.map((e) => e.trackId).filter((id) => !pool.has(id));
      const fetched = await this.deps.index.get(missing, withVectors);
      const accept = compileFilter(filter);
      add(
        fetched.filter((h) => accept(h.track)),
        'extra',
      );
      for (const e of extra) {
        const c = pool.get(e.trackId);
        if (!c) continue;
        c.sources.add(e.source);
        if (e.score > c.extraScore) {
          c.extraScore = e.score;
          c.extraReason = e.reason;
        }
      }
    }
    if (pool.size === 0) return [];

    const requestEmotions = new Map(request.emotions.map((e) => [e.emotion, e.weight]));
    const weightSum = [...requestEmotions.values()].reduce((s, w) => s + w, 0);
    for (const c of pool.values()) {
      c.emotionSim = c.emotionVector ? dot(c.emotionVector, feltVector!) : 0;
      c.targetSim = c.emotionVector ? dot(c.emotionVector, targetVector!) : 0;
      c.themeSim = themeVector && c.lyricsVector ? dot(c.lyricsVector, themeVector) : 0;
      c.seedSim = seeds.length
        ? Math.max(
            ...seeds.map(
              (s) =>
                0.6 * (s.vectors?.emotion && c.emotionVector ? dot(s.vectors.emotion, c.emotionVector) : 0) +
                0.4 * (s.vectors?.lyrics && c.lyricsVector ? dot(s.vectors.lyrics, c.lyricsVector) : 0),
            ),
          )
        : 0;
      c.matched = c.track.emotions.filter((e) => requestEmotions.has(e));
      c.overlap = weightSum > 0 ? c.matched.reduce((s, e) => s + requestEmotions.get(e)!, 0) / weightSum : 0;
    }

    // Similarity floor: a candidate must be relevant on at least one signal.
    const relevant = [...pool.values()].filter(
      (c) =>
        c.emotionSim >= this.floor ||
        c.themeSim >= this.floor + 0.05 ||
        c.overlap > 0 ||
        c.seedSim >= this.floor ||
        c.extraScore > 0 ||
        (moving && c.targetSim >= this.floor),
    );
    if (relevant.length === 0) return [];

    const exploration = Math.min(1, Math.max(0, request.exploration ?? 0));
    const norm = normalizer(relevant);
    const base = (c: Candidate, slotPoint: MoodPoint, t: number): number => {
      const emotion = (1 - t) * norm.emotion(c.emotionSim) + t * norm.target(c.targetSim);
      const pop = (c.track.popularity ?? 45) / 100;
      const parts: [number, number][] = [
        [emotion, 0.34],
        [moodCloseness(c.point, slotPoint), 0.22],
        [c.overlap * (1 - t), 0.12],
        [pop * (1 - exploration), 0.07],
      ];
      if (themeVector) parts.push([norm.theme(c.themeSim), 0.25]);
      if (seeds.length) parts.push([norm.seed(c.seedSim), 0.35]);
      if (extra.length) parts.push([c.extraScore, 0.2]);
      const total = parts.reduce((s, [, w]) => s + w, 0);
      return parts.reduce((s, [v, w]) => s + v * w, 0) / total;
    };

    const points = moving ? arc(request.mood, target, limit) : Array.from({ length: limit }, () => target);
    const chosen: { c: Candidate; score: number; slot: number }[] = [];
    const perArtist = new Map<string, number>();
    const lambda = Math.max(0.4, this.mmrLambda - 0.25 * exploration);
    const remaining = new Set(relevant);
    for (let slot = 0; slot < limit && remaining.size > 0; slot++) {
      const t = moving ? slot / Math.max(1, limit - 1) : 0;
      let best: { c: Candidate; value: number; score: number } | undefined;
      for (const c of remaining) {
        if (c.track.artists.some((a) => (perArtist.get(a.toLowerCase()) ?? 0) >= this.maxPerArtist)) continue;
        const score = base(c, points[slot]!, t);
        const redundancy = chosen.length
          ? Math.max(
              ...chosen.map((x) =>
                x.c.emotionVector && c.emotionVector ? dot(x.c.emotionVector, c.emotionVector) : 0,
              ),
            )
          : 0;
        const value = lambda * score - (1 - lambda) * redundancy;
        if (!best || value > best.value) best = { c, value, score };
      }
      if (!best) break;
      remaining.delete(best.c);
      for (const a of best.c.track.artists)
        perArtist.set(a.toLowerCase(), (perArtist.get(a.toLowerCase()) ?? 0) + 1);
      chosen.push({ c: best.c, score: best.score, slot });
    }
    if (!moving) chosen.sort((a, b) => b.score - a.score);
    else {
      // The arc is a promise to the listener: order strictly from where they are toward the target.
      const dv = target.valence - request.mood.valence;
      const da = target.arousal - request.mood.arousal;
      const progress = (c: Candidate) => c.point.valence * dv + c.point.arousal * da;
      chosen.sort((a, b) => progress(a.c) - progress(b.c));
    }

    return chosen.map(({ c, score }, i) => ({
      track: c.track,
      rank: i + 1,
      score: Math.round(score * 1000) / 1000,
      matchedEmotions: c.matched,
      sources: [...c.sources],
      mood: c.point,
      why: explain({
        track: c.track,
        matched: c.matched,
        requestEmotions: request.emotions.map((e) => e.emotion),
        themeSim: c.themeSim,
        themeFloor: this.floor + 0.1,
        seedTitles: c.seedSim >= this.floor ? seeds.map((s) => s.track.title) : [],
        extraReason: c.extraReason,
        arcStep: moving ? { index: i, of: chosen.length, target: targetEmotions[0]! } : undefined,
      }),
    }));
  }
}

/** The text embedded for the listener's emotions: the catalog embeds song emotion lists the same way. */
export function emotionQueryText(emotions: readonly EmotionWeight[]): string {
  return [...emotions]
    .sort((a, b) => b.weight - a.weight)
    .slice(0, 6)
    .map((e) => e.emotion)
    .join(', ');
}

function newCandidate(hit: ScoredTrack, source: string): Candidate {
  return {
    track: hit.track,
    emotionVector: hit.vectors?.emotion,
    lyricsVector: hit.vectors?.lyrics,
    sources: new Set([source]),
    extraScore: 0,
    extraReason: undefined,
    point: moodPointOfTrack(hit.track),
    emotionSim: 0,
    targetSim: 0,
    themeSim: 0,
    seedSim: 0,
    overlap: 0,
    matched: [],
  };
}

/** Min–max scaling per signal over the candidate pool, so signals with different ranges weigh comparably. */
function normalizer(pool: readonly Candidate[]) {
  const scale = (values: number[]) => {
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    return (v: number) => (hi - lo < 1e-6 ? (hi > 0 ? 1 : 0) : (v - lo) / (hi - lo));
  };
  return {
    emotion: scale(pool.map((c) => c.emotionSim)),
    target: scale(pool.map((c) => c.targetSim)),
    theme: scale(pool.map((c) => c.themeSim)),
    seed: scale(pool.map((c) => c.seedSim)),
  };
}
