import type { Track } from '../catalog/track.js';
import type { Emotion } from '../emotions/vocabulary.js';

const MAX_WHY = 160;

function list(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** One line saying why a song fits: matched emotions, theme, place in the mood arc, or another source. */
export function explain(input: {
  track: Track;
  matched: readonly Emotion[];
  requestEmotions: readonly Emotion[];
  themeSim: number;
  themeFloor: number;
  seedTitles: readonly string[];
  extraReason: string | undefined;
  arcStep: { index: number; of: number; target: Emotion } | undefined;
}): string {
  const parts: string[] = [];
  const { track, matched, arcStep } = input;
  if (arcStep && arcStep.of > 1) {
    if (arcStep.index === 0)
      parts.push(
        matched.length
          ? `starts where you are: ${list(matched.slice(0, 2))}`
          : `starts near your mood: ${list(track.emotions.slice(0, 2))}`,
      );
    else if (arcStep.index === arcStep.of - 1) parts.push(`lands on ${list(track.emotions.slice(0, 2))}`);
    else parts.push(`step ${arcStep.index + 1} of ${arcStep.of}: ${list(track.emotions.slice(0, 2))}`);
  } else if (matched.length > 0) {
    parts.push(`matches your ${list(matched.slice(0, 3))}`);
  } else if (input.requestEmotions.length > 0) {
    parts.push(`${list(track.emotions.slice(0, 2))}, close to how you feel`);
  } else {
    parts.push(list(track.emotions.slice(0, 3)));
  }
  if (input.seedTitles.length > 0)
    parts.push(
      `in the spirit of ${input.seedTitles
        .slice(0, 2)
        .map((t) => `“${t}”`)
        .join(' and ')}`,
    );
  if (input.extraReason) parts.push(input.extraReason);
  if (input.themeSim >= input.themeFloor) parts.push(`about ${lowerFirst(track.summary)}`);
  const text = parts.join('; ');
  return text.length <= MAX_WHY ? text : `${text.slice(0, MAX_WHY - 1).replace(/\s+\S*$/, '')}…`;
}

function lowerFirst(text: string): string {
  const trimmed = text.trim().replace(/\.$/, '');
  return trimmed.charAt(0).toLowerCase() + trimmed.slice(1);
}
