/** Fixed texts of the offline planner, in one place so they read consistently. */
export const HELP_TEXT = [
  "I'm moodtune. Tell me how you feel, in your own words, and I'll answer with songs that fit — ranked, with a Spotify link and why each one fits.",
  '',
  'You can keep talking to shape the list:',
  '• "more" — five new songs, same mood',
  '• "less sad", "more energy", "calmer", "lift me up", "surprise me"',
  '• "only Spanish", "any language", "only rock", "from the 90s", "no Coldplay"',
  '• "more like the second one", "something like Skinny Love", "why the third?"',
  '• "I love the first one" / "not these" — tell me what works',
  '• "start over" — forget this conversation',
].join('\n');

export const GREETING_TEXT =
  'Hi! I\'m moodtune. How are you feeling right now? Say it however it comes — "wired but tired", "missing home", "ready to dance" — and I\'ll find songs that fit.';

export const EMPTY_TEXT = "I didn't catch any words there. How are you feeling? A few words are enough.";

export const RESET_TEXT = "Fresh start — I've forgotten this conversation. How are you feeling now?";

export const THANKS_TEXT = 'Anytime. Say "more" for more songs, or tell me how you feel now.';

export const INJECTION_TEXT =
  "I can't share or change how I'm set up, but I'd love to find you some music. How are you feeling?";

export const CRISIS_TEXT = [
  "I'm really sorry you're going through this, and I'm glad you said something. You deserve support from a real person right now.",
  '',
  "• If you might act on these thoughts or you're in danger, call your local emergency number now.",
  '• US & Canada: call or text 988 (Suicide & Crisis Lifeline). UK & Ireland: Samaritans, 116 123. Spain: 024.',
  '• Elsewhere: findahelpline.com lists free, confidential lines in your country.',
  '',
  "Talking to someone you trust can help too. I'm here if you'd like some gentle, comforting songs afterwards — just say so.",
].join('\n');

export const UNCLEAR_TEXT =
  'I\'d love to help, but I\'m not sure how you\'re feeling yet. Could you tell me a bit more — a word or two like "tired", "restless", "happy", "heartbroken"?';

export function clarifyGoalText(feelings: string): string {
  return `That sounds like ${feelings}. Do you want songs that sit with that feeling, or ones that start there and slowly lift you up? (say "stay with it" or "lift me")`;
}
