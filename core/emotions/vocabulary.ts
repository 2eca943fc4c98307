import { z } from 'zod';

/**
 * The canonical emotion vocabulary: one list used when tagging songs (ingestion, the demo catalog) and when
 * reading the user. Each term has a position on the valence (unpleasant −1 … pleasant +1) and arousal
 * (calm −1 … energetic +1) plane, from the circumplex model; the numbers are our own estimates, roughly in
 * line with the NRC VAD lexicon's ordering. `cue` is a short gloss embedded for similarity search.
 */
export const VOCABULARY = [
  // pleasant, energetic
  { term: 'joy', valence: 0.85, arousal: 0.55, cue: 'joyful, happy, delighted' },
  { term: 'happiness', valence: 0.8, arousal: 0.4, cue: 'happy, glad, cheerful' },
  { term: 'excitement', valence: 0.7, arousal: 0.85, cue: 'excited, thrilled, pumped' },
  { term: 'euphoria', valence: 0.9, arousal: 0.95, cue: 'euphoric, ecstatic, on top of the world' },
  { term: 'energy', valence: 0.5, arousal: 0.9, cue: 'energetic, full of energy, hyped, upbeat' },
  { term: 'triumph', valence: 0.8, arousal: 0.75, cue: 'triumphant, victorious, winning' },
  { term: 'confidence', valence: 0.7, arousal: 0.5, cue: 'confident, self-assured, fearless' },
  { term: 'empowerment', valence: 0.75, arousal: 0.7, cue: 'empowered, strong, unstoppable' },
  { term: 'pride', valence: 0.7, arousal: 0.5, cue: 'proud, accomplished' },
  { term: 'playfulness', valence: 0.75, arousal: 0.6, cue: 'playful, silly, cheeky, fun' },
  { term: 'amusement', valence: 0.7, arousal: 0.45, cue: 'amused, laughing, funny' },
  { term: 'celebration', valence: 0.85, arousal: 0.85, cue: 'celebrating, partying, festive' },
  { term: 'freedom', valence: 0.75, arousal: 0.6, cue: 'free, liberated, carefree' },
  { term: 'enthusiasm', valence: 0.75, arousal: 0.7, cue: 'enthusiastic, eager, motivated' },
  { term: 'passion', valence: 0.55, arousal: 0.8, cue: 'passionate, intense, fiery love' },
  { term: 'desire', valence: 0.45, arousal: 0.7, cue: 'desire, wanting, craving, attraction' },
  { term: 'sensuality', valence: 0.6, arousal: 0.45, cue: 'sensual, sexy, seductive' },
  { term: 'infatuation', valence: 0.65, arousal: 0.7, cue: 'crush, infatuated, smitten, butterflies' },
  { term: 'determination', valence: 0.45, arousal: 0.65, cue: 'determined, driven, focused, resolve' },
  { term: 'defiance', valence: 0.15, arousal: 0.75, cue: 'defiant, rebellious, standing up, fight back' },
  { term: 'surprise', valence: 0.3, arousal: 0.75, cue: 'surprised, astonished, shocked' },
  { term: 'anticipation', valence: 0.35, arousal: 0.55, cue: 'anticipation, looking forward, expectant' },
  { term: 'curiosity', valence: 0.4, arousal: 0.4, cue: 'curious, intrigued, wondering' },
  { term: 'awe', valence: 0.6, arousal: 0.5, cue: 'awe, wonder, amazed, majestic' },
  { term: 'admiration', valence: 0.65, arousal: 0.35, cue: 'admiration, respect, looking up to' },
  // pleasant, calm
  { term: 'love', valence: 0.85, arousal: 0.35, cue: 'love, in love, adoring' },
  { term: 'romance', valence: 0.75, arousal: 0.3, cue: 'romantic, date night, courtship' },
  { term: 'tenderness', valence: 0.7, arousal: -0.2, cue: 'tender, gentle, soft affection' },
  { term: 'affection', valence: 0.75, arousal: 0.1, cue: 'affectionate, fond, warm-hearted' },
  { term: 'caring', valence: 0.65, arousal: 0.05, cue: 'caring, supportive, looking after someone' },
  { term: 'gratitude', valence: 0.8, arousal: 0.15, cue: 'grateful, thankful, blessed' },
  { term: 'hope', valence: 0.6, arousal: 0.2, cue: 'hope, hopeful, things will get better' },
  { term: 'optimism', valence: 0.7, arousal: 0.35, cue: 'optimistic, positive, bright side' },
  { term: 'contentment', valence: 0.7, arousal: -0.35, cue: 'content, satisfied, at ease' },
  { term: 'peace', valence: 0.65, arousal: -0.6, cue: 'peaceful, at peace, still' },
  { term: 'calm', valence: 0.5, arousal: -0.7, cue: 'calm, mellow, chill, quiet' },
  { term: 'relaxation', valence: 0.6, arousal: -0.65, cue: 'relaxed, unwinding, laid-back' },
  { term: 'serenity', valence: 0.65, arousal: -0.7, cue: 'serene, tranquil, zen' },
  { term: 'relief', valence: 0.6, arousal: -0.3, cue: 'relieved, weight off my shoulders' },
  { term: 'comfort', valence: 0.6, arousal: -0.4, cue: 'comforted, cozy, safe, soothing' },
  { term: 'warmth', valence: 0.7, arousal: 0.0, cue: 'warm, sunny feeling, glowing' },
  { term: 'dreaminess', valence: 0.45, arousal: -0.45, cue: 'dreamy, floating, hazy, ethereal' },
  { term: 'acceptance', valence: 0.35, arousal: -0.35, cue: 'acceptance, letting go, making peace' },
  { term: 'resilience', valence: 0.45, arousal: 0.35, cue: 'resilient, getting back up, survivor' },
  { term: 'healing', valence: 0.45, arousal: -0.2, cue: 'healing, recovering, moving on' },
  { term: 'belonging', valence: 0.7, arousal: 0.15, cue: 'belonging, friendship, together, home' },
  { term: 'innocence', valence: 0.55, arousal: -0.1, cue: 'innocent, childlike, pure, youthful' },
  // mixed
  { term: 'nostalgia', valence: 0.1, arousal: -0.3, cue: 'nostalgic, remembering the old days, memories' },
  { term: 'bittersweet', valence: 0.0, arousal: -0.2, cue: 'bittersweet, happy and sad at once' },
  { term: 'longing', valence: -0.3, arousal: 0.0, cue: 'longing, yearning, missing someone' },
  {
    term: 'introspection',
    valence: 0.0,
    arousal: -0.4,
    cue: 'reflective, thoughtful, introspective, pensive',
  },
  { term: 'vulnerability', valence: -0.2, arousal: -0.1, cue: 'vulnerable, exposed, fragile, raw' },
  { term: 'wanderlust', valence: 0.5, arousal: 0.4, cue: 'wanderlust, road trip, adventure, escape' },
  { term: 'mystery', valence: 0.0, arousal: 0.2, cue: 'mysterious, dark, enigmatic, eerie' },
  { term: 'realization', valence: 0.1, arousal: 0.2, cue: 'realizing, epiphany, waking up to the truth' },
  // unpleasant, calm
  { term: 'sadness', valence: -0.75, arousal: -0.4, cue: 'sad, down, blue, unhappy, crying' },
  { term: 'melancholy', valence: -0.5, arousal: -0.5, cue: 'melancholic, wistful, gloomy, moody' },
  { term: 'grief', valence: -0.85, arousal: -0.3, cue: 'grief, mourning, loss, someone died' },
  { term: 'heartbreak', valence: -0.8, arousal: -0.1, cue: 'heartbroken, breakup, dumped, heartache' },
  { term: 'loneliness', valence: -0.7, arousal: -0.45, cue: 'lonely, alone, isolated, nobody' },
  { term: 'regret', valence: -0.6, arousal: -0.25, cue: 'regret, should have, if only' },
  { term: 'remorse', valence: -0.65, arousal: -0.2, cue: 'remorse, sorry, apologizing, my fault' },
  { term: 'guilt', valence: -0.65, arousal: 0.0, cue: 'guilty, ashamed of what I did' },
  { term: 'shame', valence: -0.7, arousal: -0.1, cue: 'ashamed, humiliated, worthless' },
  { term: 'disappointment', valence: -0.6, arousal: -0.2, cue: 'disappointed, let down' },
  { term: 'numbness', valence: -0.45, arousal: -0.8, cue: 'numb, feel nothing, hollow, detached' },
  { term: 'emptiness', valence: -0.6, arousal: -0.7, cue: 'empty, void, meaningless' },
  { term: 'apathy', valence: -0.3, arousal: -0.8, cue: "apathetic, don't care, indifferent" },
  { term: 'boredom', valence: -0.3, arousal: -0.65, cue: 'bored, dull, nothing to do' },
  { term: 'exhaustion', valence: -0.5, arousal: -0.85, cue: 'exhausted, tired, drained, burnt out' },
  { term: 'despair', valence: -0.9, arousal: -0.2, cue: 'despair, hopeless, giving up' },
  { term: 'insecurity', valence: -0.5, arousal: 0.2, cue: 'insecure, not good enough, self-doubt' },
  { term: 'homesickness', valence: -0.45, arousal: -0.35, cue: 'homesick, far from home, missing family' },
  { term: 'yearning', valence: -0.2, arousal: 0.25, cue: 'yearning, aching for, pining' },
  // unpleasant, energetic
  { term: 'anger', valence: -0.75, arousal: 0.8, cue: 'angry, mad, furious' },
  { term: 'rage', valence: -0.85, arousal: 0.95, cue: 'rage, fury, want to scream' },
  { term: 'frustration', valence: -0.6, arousal: 0.55, cue: 'frustrated, fed up, stuck' },
  { term: 'annoyance', valence: -0.5, arousal: 0.45, cue: 'annoyed, irritated, pissed off' },
  { term: 'resentment', valence: -0.65, arousal: 0.4, cue: 'resentful, bitter, grudge' },
  { term: 'bitterness', valence: -0.6, arousal: 0.3, cue: 'bitter, cynical, sour' },
  { term: 'jealousy', valence: -0.6, arousal: 0.55, cue: 'jealous, envious' },
  { term: 'betrayal', valence: -0.8, arousal: 0.5, cue: 'betrayed, cheated on, lied to, backstabbed' },
  { term: 'revenge', valence: -0.5, arousal: 0.75, cue: 'revenge, payback, karma' },
  { term: 'rebellion', valence: 0.1, arousal: 0.85, cue: 'rebellion, against the system, riot, punk' },
  { term: 'anxiety', valence: -0.65, arousal: 0.6, cue: 'anxious, worried, on edge, overthinking' },
  { term: 'fear', valence: -0.75, arousal: 0.7, cue: 'afraid, scared, terrified' },
  { term: 'nervousness', valence: -0.4, arousal: 0.55, cue: 'nervous, jittery, butterflies in a bad way' },
  { term: 'stress', valence: -0.6, arousal: 0.65, cue: 'stressed, pressure, deadlines, overwhelmed' },
  { term: 'restlessness', valence: -0.3, arousal: 0.6, cue: "restless, can't sit still, can't sleep" },
  { term: 'confusion', valence: -0.35, arousal: 0.3, cue: 'confused, lost, mixed up' },
  { term: 'disgust', valence: -0.7, arousal: 0.35, cue: 'disgusted, grossed out, sick of it' },
  { term: 'embarrassment', valence: -0.5, arousal: 0.4, cue: 'embarrassed, awkward, cringe' },
  { term: 'tension', valence: -0.4, arousal: 0.6, cue: 'tense, suspense, dread' },
  { term: 'obsession', valence: -0.2, arousal: 0.7, cue: "obsessed, can't stop thinking about" },
  { term: 'heartache', valence: -0.7, arousal: 0.05, cue: 'aching heart, hurting, pain of love' },
] as const satisfies readonly { term: string; valence: number; arousal: number; cue: string }[];

type Term = (typeof VOCABULARY)[number]['term'];
export const EMOTION_TERMS = VOCABULARY.map((v) => v.term) as [Term, ...Term[]];

/** The single zod enum of canonical emotions, used for songs, readings and LLM structured output. */
export const EmotionSchema = z.enum(EMOTION_TERMS);
export type Emotion = z.infer<typeof EmotionSchema>;

export interface MoodPoint {
  /** −1 (unpleasant) … +1 (pleasant) */
  valence: number;
  /** −1 (calm) … +1 (energetic) */
  arousal: number;
}

const POSITIONS: ReadonlyMap<string, MoodPoint> = new Map(
  VOCABULARY.map((v) => [v.term, { valence: v.valence, arousal: v.arousal }]),
);
const CUES: ReadonlyMap<string, string> = new Map(VOCABULARY.map((v) => [v.term, v.cue]));

export function isEmotion(value: string): value is Emotion {
  return POSITIONS.has(value);
}

export function moodPointOf(emotion: Emotion): MoodPoint {
  return POSITIONS.get(emotion)!;
}

export function cueOf(emotion: Emotion): string {
  return CUES.get(emotion)!;
}

/** Weighted mean position of a set of emotions (equal weights when none are given). */
export function moodPointOfMany(
  emotions: readonly { emotion: Emotion; weight?: number }[],
): MoodPoint | undefined {
  let total = 0;
  let valence = 0;
  let arousal = 0;
  for (const { emotion, weight = 1 } of emotions) {
    const p = moodPointOf(emotion);
    valence += p.valence * weight;
    arousal += p.arousal * weight;
    total += weight;
  }
  if (total <= 0) return undefined;
  return { valence: valence / total, arousal: arousal / total };
}
