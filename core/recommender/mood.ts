import type { Track } from '../catalog/track.js';
import { moodPointOfMany, VOCABULARY, type Emotion, type MoodPoint } from '../emotions/vocabulary.js';

/** What the listener wants the songs to do with their mood. */
export type MoodGoal = 'match' | 'lift' | 'calm' | 'energize';

const clamp = (x: number, lo = -1, hi = 1) => Math.min(hi, Math.max(lo, x));

/** Where a set of songs should end up for a goal, starting from the listener's current point. */
export function targetFor(goal: MoodGoal, from: MoodPoint): MoodPoint {
  switch (goal) {
    case 'match':
      return from;
    case 'lift':
      return {
        valence: clamp(Math.max(from.valence + 0.9, 0.55), -1, 0.85),
        arousal: clamp(from.arousal + 0.4, 0.05, 0.6),
      };
    case 'calm':
      return { valence: clamp(Math.max(from.valence, 0.3)), arousal: -0.65 };
    case 'energize':
      return { valence: clamp(Math.max(from.valence + 0.3, 0.4)), arousal: 0.8 };
  }
}

/** A track's position: measured when the catalog has it, otherwise the mean of its emotions (first ones count more). */
export function moodPointOfTrack(track: Track): MoodPoint {
  const derived = moodPointOfMany(
    track.emotions.map((emotion, i) => ({ emotion, weight: 1 / (1 + 0.35 * i) })),
  )!;
  return { valence: track.valence ?? derived.valence, arousal: track.arousal ?? derived.arousal };
}

/** Closeness on the valence/arousal plane: 1 at the same point, 0 at opposite corners. */
export function moodCloseness(a: MoodPoint, b: MoodPoint): number {
  return 1 - Math.hypot(a.valence - b.valence, a.arousal - b.arousal) / Math.hypot(2, 2);
}

/**
 * What each goal aims for, in words: a lift should land on hope and healing, not on whatever pleasant term
 * happens to sit nearest the target point (which can be "sensuality").
 */
const GOAL_EMOTIONS: Record<Exclude<MoodGoal, 'match'>, Emotion[]> = {
  lift: ['hope', 'healing', 'resilience', 'optimism', 'relief', 'warmth'],
  calm: ['calm', 'peace', 'comfort', 'serenity', 'relaxation'],
  energize: ['energy', 'empowerment', 'excitement', 'confidence', 'determination'],
};

/** The emotions a set of songs should end on for a goal, ordered by closeness to the target point. */
export function targetEmotionsFor(goal: MoodGoal, target: MoodPoint, count = 3): Emotion[] {
  if (goal === 'match') return emotionsNear(target, count);
  const closeness = (e: Emotion) => {
    const v = VOCABULARY.find((x) => x.term === e)!;
    return Math.hypot(v.valence - target.valence, v.arousal - target.arousal);
  };
  return [...GOAL_EMOTIONS[goal]].sort((a, b) => closeness(a) - closeness(b)).slice(0, count);
}

/** The vocabulary terms nearest a point (used to name and search for a target mood). */
export function emotionsNear(point: MoodPoint, count = 3): Emotion[] {
  return [...VOCABULARY]
    .map((v) => ({ term: v.term, d: Math.hypot(v.valence - point.valence, v.arousal - point.arousal) }))
    .sort((a, b) => a.d - b.d)
    .slice(0, count)
    .map((x) => x.term);
}

/** Points evenly spaced from `from` to `to`, one per song slot. */
export function arc(from: MoodPoint, to: MoodPoint, slots: number): MoodPoint[] {
  if (slots <= 1) return [to];
  return Array.from({ length: slots }, (_, i) => {
    const t = i / (slots - 1);
    return {
      valence: from.valence + (to.valence - from.valence) * t,
      arousal: from.arousal + (to.arousal - from.arousal) * t,
    };
  });
}
