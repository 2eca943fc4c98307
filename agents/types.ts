import type { TrackCard } from '../core/cards.js';
import type { EmotionReading } from '../core/emotions/reader.js';
import type { MoodGoal } from '../core/recommender/mood.js';

export type Platform = 'shell' | 'discord' | 'slack';

/** Buttons and menus map to these; the planner and the LLM agent handle them the same way on every channel. */
export type TurnAction =
  | { type: 'more' }
  | { type: 'lift' }
  | { type: 'calmer' }
  | { type: 'surprise' }
  | { type: 'more_like'; trackId: string }
  | { type: 'feedback'; value: 'up' | 'down' }
  | { type: 'reset' };

export interface TurnInput {
  /** One conversation per DM, thread or shell session. */
  conversationId: string;
  userId: string;
  platform: Platform;
  /** What the person typed ('' for a pure button press). */
  text: string;
  action?: TurnAction;
  /** Linked Last.fm user, when there is one. */
  lastfmUser?: string;
  /**
   * The answer goes where the person cannot simply reply (an ephemeral slash-command answer): answer now rather
   * than ask a clarifying question.
   */
  oneShot?: boolean;
}

export interface SuggestedAction {
  action: TurnAction;
  label: string;
}

export type ReplyKind = 'songs' | 'question' | 'help' | 'info' | 'care' | 'error';

/** The platform-neutral reply every adapter renders. */
export interface Reply {
  kind: ReplyKind;
  text: string;
  tracks: TrackCard[];
  actions: SuggestedAction[];
  /** Which agent answered ("offline-planner", "groq"), for logs and evaluation. */
  agent: string;
}

export interface Constraints {
  languages?: string[];
  genres?: string[];
  excludeArtists?: string[];
  yearFrom?: number;
  yearTo?: number;
}

/** Everything remembered about one conversation. */
export interface ConversationState {
  id: string;
  createdAt: number;
  updatedAt: number;
  turns: number;
  /** The latest reading of how the person feels. */
  reading: EmotionReading | undefined;
  /** Manual shifts applied on top of the reading ("less sad", "more energy"). */
  shift: { valence: number; arousal: number };
  goal: MoodGoal | undefined;
  theme: string | undefined;
  constraints: Constraints;
  /** Every song shown, in order; never repeated unless asked. */
  shownIds: string[];
  likedIds: string[];
  dislikedIds: string[];
  /** The cards of the last answer, for "why the third?" and "more like the second one". */
  lastCards: TrackCard[];
  /** Seeds of the current "more like" request. */
  seedIds: string[];
  exploration: number;
  /** The one clarifying question was already asked. */
  askedClarification: boolean;
  /** What the clarifying question was waiting for. */
  pending: { kind: 'goal'; text: string } | undefined;
  /** Recent messages for the LLM agent's memory (bounded). */
  history: { role: 'user' | 'assistant'; text: string }[];
}

export interface ChatAgent {
  readonly name: string;
  /** Answers one turn, reading and updating `state` in place. */
  respond(turn: TurnInput, state: ConversationState): Promise<Reply>;
}
