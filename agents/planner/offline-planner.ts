import type { StructuredToolInterface } from '@langchain/core/tools';
import type { TrackCard } from '../../core/cards.js';
import type { Catalog } from '../../core/catalog/catalog.js';
import type { EmotionReading, EmotionWeight } from '../../core/emotions/reader.js';
import {
  moodPointOfTrack,
  targetEmotionsFor,
  targetFor,
  type MoodGoal,
} from '../../core/recommender/mood.js';
import { resolveSeed } from '../../tools/similar-tracks.js';
import { newConversation } from '../conversation-store.js';
import { callTool, findTool } from '../tool-call.js';
import type { ChatAgent, ConversationState, Reply, SuggestedAction, TurnInput } from '../types.js';
import { route, type Intent, type Refinement, type RouteContext } from './route.js';
import {
  clarifyGoalText,
  CRISIS_TEXT,
  EMPTY_TEXT,
  GREETING_TEXT,
  HELP_TEXT,
  INJECTION_TEXT,
  RESET_TEXT,
  THANKS_TEXT,
  UNCLEAR_TEXT,
} from './texts.js';

const LANGUAGE_NAMES: Record<string, string> = {
  es: 'Spanish',
  en: 'English',
  pt: 'Portuguese',
  fr: 'French',
  ko: 'Korean',
  it: 'Italian',
  de: 'German',
  ja: 'Japanese',
};

export interface OfflinePlannerDeps {
  tools: readonly StructuredToolInterface[];
  catalog: Catalog;
  songsPerReply: number;
}

function list(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

const clamp = (x: number) => Math.max(-1, Math.min(1, x));

/**
 * The deterministic agent: routes each message (a pure function), then calls the same tools the LLM agent
 * uses. Works with no keys and no network; it is also the fallback whenever the LLM agent fails.
 */
export class OfflinePlanner implements ChatAgent {
  readonly name = 'offline-planner';
  private readonly genres: ReadonlySet<string>;

  constructor(private readonly deps: OfflinePlannerDeps) {
    this.genres = new Set(deps.catalog.tracks.flatMap((t) => t.genres.map((g) => g.toLowerCase())));
  }

  private routeContext(state: ConversationState): RouteContext {
    return {
      findArtists: (q) => this.deps.catalog.findArtists(q),
      genres: this.genres,
      hasCards: state.lastCards.length > 0,
      awaitingGoal: state.pending?.kind === 'goal',
    };
  }

  async respond(turn: TurnInput, state: ConversationState): Promise<Reply> {
    const intent = turn.action
      ? this.intentOfAction(turn, state)
      : route(turn.text, this.routeContext(state));
    if (intent.type !== 'mood' && intent.type !== 'refine') state.pending = undefined;
    switch (intent.type) {
      case 'empty':
        return this.say('info', EMPTY_TEXT);
      case 'help':
        return this.say('help', HELP_TEXT);
      case 'greeting':
        return this.say('info', state.reading ? 'Hi again! How are you feeling now?' : GREETING_TEXT);
      case 'thanks':
        return this.say('info', THANKS_TEXT);
      case 'injection':
        return this.say('info', INJECTION_TEXT);
      case 'crisis':
        state.goal = 'calm';
        return this.say('care', CRISIS_TEXT);
      case 'reset':
        resetState(state);
        return this.say('info', RESET_TEXT);
      case 'why':
        return this.why(intent.index, state);
      case 'feedback':
        return this.feedback(intent.value, intent.index, state);
      case 'refine':
        return this.refine(intent, state);
      case 'mood':
        return this.mood(intent, state, turn.oneShot === true);
    }
  }

  private intentOfAction(turn: TurnInput, state: ConversationState): Intent {
    const action = turn.action!;
    const none = { seedIndex: undefined, seedQuery: undefined };
    switch (action.type) {
      case 'more':
        return { type: 'refine', refinements: [], ...none };
      case 'lift':
        return { type: 'refine', refinements: [{ kind: 'goal', goal: 'lift' }], ...none };
      case 'calmer':
        return {
          type: 'refine',
          refinements: [{ kind: 'shift', valence: 0.05, arousal: -0.55, label: 'calmer' }],
          ...none,
        };
      case 'surprise':
        return { type: 'refine', refinements: [{ kind: 'surprise' }], ...none };
      case 'reset':
        return { type: 'reset' };
      case 'feedback':
        return { type: 'feedback', value: action.value, index: undefined };
      case 'more_like': {
        const index = state.lastCards.findIndex((c) => c.id === action.trackId);
        if (index >= 0) return { type: 'refine', refinements: [], seedIndex: index, seedQuery: undefined };
        // A button from an older answer: still honour it when the song was shown in this conversation.
        if (state.shownIds.includes(action.trackId)) {
          state.seedIds = [action.trackId];
          return { type: 'refine', refinements: [], ...none };
        }
        return { type: 'refine', refinements: [], seedIndex: undefined, seedQuery: action.trackId };
      }
    }
  }

  private say(
    kind: Reply['kind'],
    text: string,
    tracks: TrackCard[] = [],
    actions: SuggestedAction[] = [],
  ): Reply {
    return { kind, text, tracks, actions, agent: this.name };
  }

  private async read(text: string): Promise<EmotionReading> {
    return callTool<EmotionReading>(findTool(this.deps.tools, 'extract_emotions'), {
      text: text.slice(0, 10_000),
    });
  }

  private async mood(
    intent: Extract<Intent, { type: 'mood' }>,
    state: ConversationState,
    oneShot = false,
  ): Promise<Reply> {
    const pending = state.pending;
    state.pending = undefined;
    let feeling = intent.feeling;
    if (feeling === '' && pending) feeling = pending.text;
    const goal = intent.goal;
    let reading: EmotionReading | undefined = feeling ? await this.read(feeling) : state.reading;
    const substantive = feeling
      .replace(/[^\p{L}\s]/gu, ' ')
      .split(/\s+/)
      .filter((w) => w.length > 2).length;

    if (!reading || reading.emotions.length === 0 || (reading.confidence < 0.3 && substantive < 4)) {
      if (goal && state.reading) {
        reading = state.reading;
      } else if (substantive >= 4) {
        // No feeling words, but a description of a moment ("for the drive home after the funeral"): a theme search.
        reading = reading ?? {
          emotions: [],
          negated: [],
          confidence: 0,
          reader: 'none',
          valence: 0,
          arousal: 0,
        };
      } else if (!state.askedClarification) {
        state.askedClarification = true;
        return this.say('question', UNCLEAR_TEXT);
      } else if (state.reading) {
        reading = state.reading;
      } else {
        return this.say(
          'question',
          'Tell me in a few words how you feel, or say "surprise me" and I\'ll pick something.',
        );
      }
    }
    const feelingChanged = reading !== state.reading;
    state.reading = reading;
    if (feelingChanged) {
      state.shift = { valence: 0, arousal: 0 };
      state.seedIds = [];
      state.theme = substantive >= 4 ? feeling.slice(0, 500) : undefined;
    }
    this.applyRefinements(intent.refinements, state);
    if (goal) state.goal = goal;
    else if (feelingChanged && !pending) state.goal = undefined;

    const names = reading.emotions.slice(0, 2).map((e) => e.emotion);
    const unclearWish = !state.goal && reading.valence < -0.25 && names.length > 0;
    if (unclearWish && oneShot) {
      // No way to answer a question here: stay with the mood, and offer the lift instead of asking.
      state.goal = 'match';
      const reply = await this.answer(state, this.introFor(state));
      return reply.kind === 'songs'
        ? {
            ...reply,
            text: `${reply.text}\n(Want a set that starts here and slowly lifts you up instead? Tap "Lift me up".)`,
          }
        : reply;
    }
    if (unclearWish && !state.askedClarification) {
      state.askedClarification = true;
      state.pending = { kind: 'goal', text: feeling };
      return this.say(
        'question',
        clarifyGoalText(list(names)),
        [],
        [
          { action: { type: 'lift' }, label: 'Lift me up' },
          { action: { type: 'more' }, label: 'Stay with it' },
        ],
      );
    }
    state.goal ??= 'match';
    return this.answer(state, this.introFor(state));
  }

  private applyRefinements(refinements: readonly Refinement[], state: ConversationState): string[] {
    const notes: string[] = [];
    for (const r of refinements) {
      switch (r.kind) {
        case 'shift':
          // A nudge ("less sad", "more energy") asks for songs at the new point now: the arc is over.
          if (state.goal && state.goal !== 'match') {
            state.shift = liftedShift(state);
            state.goal = 'match';
          }
          state.shift = {
            valence: clamp(state.shift.valence + r.valence),
            arousal: clamp(state.shift.arousal + r.arousal),
          };
          notes.push(`a little ${r.label}`);
          break;
        case 'goal':
          state.goal = r.goal;
          state.shift = { valence: 0, arousal: 0 };
          notes.push(
            r.goal === 'lift'
              ? 'lifting you up step by step'
              : r.goal === 'calm'
                ? 'winding down'
                : r.goal === 'energize'
                  ? 'more energy'
                  : 'staying with the mood',
          );
          break;
        case 'language':
          if (r.languages) state.constraints.languages = r.languages;
          else delete state.constraints.languages;
          notes.push(
            r.languages ? `only in ${LANGUAGE_NAMES[r.languages[0]!] ?? r.languages[0]}` : 'any language',
          );
          break;
        case 'exclude_artist':
          state.constraints.excludeArtists = [
            ...new Set([...(state.constraints.excludeArtists ?? []), r.artist]),
          ];
          notes.push(`no ${r.artist}`);
          break;
        case 'genre':
          if (r.genres) state.constraints.genres = r.genres;
          else delete state.constraints.genres;
          notes.push(r.genres ? `only ${r.genres.join(', ')}` : 'any genre');
          break;
        case 'era':
          if (r.from === undefined) delete state.constraints.yearFrom;
          else state.constraints.yearFrom = r.from;
          if (r.to === undefined) delete state.constraints.yearTo;
          else state.constraints.yearTo = r.to;
          notes.push(r.label);
          break;
        case 'surprise':
          state.exploration = 1;
          notes.push('something different');
          break;
      }
    }
    return notes;
  }

  private async refine(
    intent: Extract<Intent, { type: 'refine' }>,
    state: ConversationState,
  ): Promise<Reply> {
    state.pending = undefined;
    const notes = this.applyRefinements(intent.refinements, state);
    let seedNote: string | undefined;
    if (intent.seedIndex !== undefined) {
      if (state.lastCards.length === 0)
        return this.say('info', "I haven't suggested any songs yet — tell me how you feel first.");
      const seeds =
        intent.seedIndex === -2
          ? state.lastCards
          : [state.lastCards.at(intent.seedIndex === -1 ? -1 : intent.seedIndex)].filter(
              (c): c is TrackCard => !!c,
            );
      if (seeds.length === 0 || intent.seedIndex >= state.lastCards.length) {
        return this.say(
          'info',
          `I only showed ${state.lastCards.length} songs — pick a number from 1 to ${state.lastCards.length}.`,
        );
      }
      state.seedIds = seeds.map((c) => c.id);
      seedNote = seeds.length === 1 ? `more like “${seeds[0]!.title}”` : 'more like these';
    } else if (intent.seedQuery) {
      return this.similarTo(intent.seedQuery, notes, state);
    }
    if (!state.reading && state.seedIds.length === 0 && state.exploration === 0) {
      if (notes.length > 0)
        return this.say('info', `Noted (${notes.join(', ')}). Now tell me how you feel and I'll find songs.`);
      return this.say('info', "Tell me how you're feeling first, and I'll find songs that fit.");
    }
    state.goal ??= 'match';
    // Active filters are always named, so "more like X" in Spanish is not a surprise.
    // applyRefinements pushes exactly one note per refinement, so notes and refinements line up.
    const filters = describeConstraints(state);
    const moodNotes = notes.filter((_, k) =>
      ['shift', 'goal', 'surprise'].includes(intent.refinements[k]?.kind ?? ''),
    );
    const constraintsChanged = moodNotes.length < notes.length;
    const context = [...moodNotes, ...(filters ? [filters] : [])].join('; ');
    const intro = seedNote
      ? `${capitalize(seedNote)}${context ? ` (${context})` : ''}:`
      : moodNotes.length
        ? `${capitalize(moodNotes.join(', '))}${filters ? ` (${filters})` : ''}:`
        : constraintsChanged
          ? `Now ${filters || 'with no limits'}:`
          : `More in the same mood${filters ? ` (${filters})` : ''}:`;
    return this.answer(state, intro);
  }

  private introFor(state: ConversationState): string {
    const felt = state.reading?.emotions.slice(0, 2).map((e) => e.emotion) ?? [];
    const about = felt.length ? list(felt) : 'that';
    const filters = describeConstraints(state);
    const tail = filters ? ` (${filters})` : '';
    switch (state.goal) {
      case 'lift':
        return `Here's a set that starts near your ${about} and slowly lifts toward ${targetEmotionsFor('lift', target(state), 1)[0]}${tail}:`;
      case 'calm':
        return `Something to help you wind down${tail}:`;
      case 'energize':
        return `Let's get you moving${tail}:`;
      default:
        return felt.length ? `Songs that sit with your ${about}${tail}:` : `Songs for that moment${tail}:`;
    }
  }

  /** "Something like Skinny Love": the similar_tracks tool (listening data when trained, else feel and theme). */
  private async similarTo(query: string, notes: readonly string[], state: ConversationState): Promise<Reply> {
    const resolved = resolveSeed({ query }, this.deps.catalog);
    if (resolved.status === 'not_found') {
      return this.say(
        'info',
        `I couldn't find “${query}” in my catalog. Try the title and artist, e.g. "something like Skinny Love by Bon Iver".`,
      );
    }
    if (resolved.status === 'ambiguous') {
      const options = resolved.candidates.map((t) => `“${t.title}” by ${t.artists[0]}`);
      return this.say(
        'question',
        `Did you mean ${options.join(' or ')}? Say "something like <title> by <artist>".`,
      );
    }
    const seed = resolved.seed;
    const c = state.constraints;
    const cards = await callTool<TrackCard[]>(findTool(this.deps.tools, 'similar_tracks'), {
      track_id: seed.id,
      limit: this.deps.songsPerReply,
      exclude_track_ids: [...new Set([...state.shownIds, ...state.dislikedIds, seed.id])].slice(-200),
      ...(c.languages ? { language: c.languages[0] } : {}),
      ...(c.genres ? { genres: c.genres } : {}),
      ...(c.excludeArtists ? { exclude_artists: c.excludeArtists } : {}),
      ...(c.yearFrom !== undefined ? { year_from: c.yearFrom } : {}),
      ...(c.yearTo !== undefined ? { year_to: c.yearTo } : {}),
    });
    state.goal ??= 'match';
    // The seed was named by the listener: never suggest it back.
    if (!state.shownIds.includes(seed.id)) state.shownIds.push(seed.id);
    // The seed's feel becomes the conversation's mood when none was read, so "more" keeps going from it.
    state.reading ??= {
      emotions: seed.emotions.map((emotion, i) => ({ emotion, weight: 1 / (1 + 0.3 * i) })),
      negated: [],
      confidence: 1,
      reader: 'seed',
      ...moodPointOfTrack(seed),
    };
    const filters = describeConstraints(state);
    const context = [...notes, ...(filters ? [filters] : [])].filter((n, k, all) => all.indexOf(n) === k);
    return this.present(
      state,
      `More like “${seed.title}” by ${seed.artists[0]}${context.length ? ` (${context.join('; ')})` : ''}:`,
      cards,
    );
  }

  private async answer(state: ConversationState, intro: string): Promise<Reply> {
    const reading = state.reading;
    const base = reading
      ? { valence: reading.valence, arousal: reading.arousal }
      : { valence: 0.3, arousal: 0.3 };
    const shifted = {
      valence: clamp(base.valence + state.shift.valence),
      arousal: clamp(base.arousal + state.shift.arousal),
    };
    const shiftSize = Math.hypot(state.shift.valence, state.shift.arousal);
    // After "less sad" etc. the words that fit the new point join (and outweigh) the originally read ones.
    const emotions: EmotionWeight[] = (reading?.emotions ?? []).map((e) => ({
      emotion: e.emotion,
      weight: e.weight * Math.max(0.2, 1 - shiftSize),
    }));
    if (shiftSize > 0 || emotions.length === 0) {
      for (const emotion of targetEmotionsFor('match', shifted, 2)) {
        if (!emotions.some((e) => e.emotion === emotion)) emotions.push({ emotion, weight: 0.9 });
      }
    }
    emotions.sort((a, b) => b.weight - a.weight);
    const exclude = [...new Set([...state.shownIds, ...state.dislikedIds])];
    const args = {
      emotions: emotions.slice(0, 8).map((e) => e.emotion),
      goal: state.goal ?? 'match',
      ...(state.theme ? { theme: state.theme } : {}),
      ...(state.seedIds.length ? { seed_track_ids: state.seedIds.slice(0, 5) } : {}),
      valence: shifted.valence,
      arousal: shifted.arousal,
      limit: this.deps.songsPerReply,
      exclude_track_ids: exclude.slice(-200),
      ...(state.constraints.languages ? { language: state.constraints.languages[0] } : {}),
      ...(state.constraints.genres ? { genres: state.constraints.genres } : {}),
      ...(state.constraints.excludeArtists ? { exclude_artists: state.constraints.excludeArtists } : {}),
      ...(state.constraints.yearFrom !== undefined ? { year_from: state.constraints.yearFrom } : {}),
      ...(state.constraints.yearTo !== undefined ? { year_to: state.constraints.yearTo } : {}),
      ...(state.exploration > 0 ? { exploration: state.exploration } : {}),
      ...(state.likedIds.length ? { loved_track_ids: state.likedIds.slice(-10) } : {}),
    };
    const cards = await callTool<TrackCard[]>(findTool(this.deps.tools, 'recommend'), args);
    state.exploration = 0;
    return this.present(state, intro, cards);
  }

  /** Records what was shown and builds the songs reply (or says kindly that nothing new fits). */
  private present(state: ConversationState, intro: string, cards: TrackCard[]): Reply {
    if (cards.length === 0) {
      const filters = describeConstraints(state);
      return this.say(
        'info',
        filters
          ? `I couldn't find new songs that fit (${filters}). Try widening it ("any language", "any genre", "any era") or say "start over".`
          : 'I\'ve shown you every song in my catalog that fits this mood. Tell me how you feel now, or say "start over".',
      );
    }
    state.shownIds.push(...cards.map((c) => c.id));
    if (state.shownIds.length > 500) state.shownIds.splice(0, state.shownIds.length - 500);
    state.lastCards = cards;
    state.seedIds = [];
    const short =
      cards.length < this.deps.songsPerReply
        ? ` I only found ${cards.length} new ones that fit${describeConstraints(state) ? ' with those limits' : ''}.`
        : '';
    return this.say(
      'songs',
      `${intro}${short ? `\n${short.trim()}` : ''}`,
      cards,
      this.actionsFor(state, cards),
    );
  }

  private actionsFor(state: ConversationState, cards: readonly TrackCard[]): SuggestedAction[] {
    return songActions(state, cards);
  }

  private why(index: number, state: ConversationState): Reply {
    if (state.lastCards.length === 0)
      return this.say(
        'info',
        "I haven't suggested any songs yet — tell me how you feel and I'll explain each pick.",
      );
    const card = index === -1 ? state.lastCards.at(-1) : state.lastCards[index];
    if (!card)
      return this.say(
        'info',
        `I only showed ${state.lastCards.length} songs — ask about 1 to ${state.lastCards.length}.`,
      );
    const track = this.deps.catalog.get(card.id);
    const about =
      track && !card.why.includes('about ')
        ? ` It's about ${track.summary.charAt(0).toLowerCase()}${track.summary.slice(1).replace(/\.?$/, '.')}`
        : '';
    const feels = ` It feels like ${list(card.emotions.slice(0, 4))}.`;
    return this.say(
      'info',
      `#${card.rank} “${card.title}” by ${card.artists.join(', ')}: ${card.why}.${about}${feels}`,
    );
  }

  private feedback(value: 'up' | 'down', index: number | undefined, state: ConversationState): Reply {
    if (state.lastCards.length === 0)
      return this.say('info', "Thanks! Tell me how you feel and I'll find songs.");
    const cards =
      index === undefined
        ? state.lastCards
        : [index === -1 ? state.lastCards.at(-1) : state.lastCards[index]].filter((c): c is TrackCard => !!c);
    if (cards.length === 0)
      return this.say(
        'info',
        `I only showed ${state.lastCards.length} songs — pick 1 to ${state.lastCards.length}.`,
      );
    const ids = cards.map((c) => c.id);
    if (value === 'up') {
      state.likedIds = [...new Set([...state.likedIds, ...ids])].slice(-200);
      const what = cards.length === 1 ? `“${cards[0]!.title}”` : 'that set';
      return this.say(
        'info',
        `Glad ${what} landed. Say "more like ${cards.length === 1 ? 'that one' : 'these'}" for similar songs.`,
        [],
        [{ action: { type: 'more' }, label: 'More like these' }],
      );
    }
    state.dislikedIds = [...new Set([...state.dislikedIds, ...ids])].slice(-200);
    return this.say(
      'info',
      'Got it — I won\'t suggest those again. Want a different direction? Say "surprise me", "calmer", "more energy", or tell me more about how you feel.',
      [],
      [
        { action: { type: 'surprise' }, label: 'Surprise me' },
        { action: { type: 'calmer' }, label: 'Calmer' },
      ],
    );
  }
}

/** The buttons under a set of songs; shared with the Groq agent so both answer with the same actions. */
export function songActions(state: ConversationState, cards: readonly TrackCard[]): SuggestedAction[] {
  const actions: SuggestedAction[] = [{ action: { type: 'more' }, label: 'More like these' }];
  if (state.goal !== 'lift') actions.push({ action: { type: 'lift' }, label: 'Lift me up' });
  actions.push(
    { action: { type: 'calmer' }, label: 'Calmer' },
    { action: { type: 'surprise' }, label: 'Surprise me' },
  );
  actions.push(
    { action: { type: 'feedback', value: 'up' }, label: '👍' },
    { action: { type: 'feedback', value: 'down' }, label: '👎' },
  );
  for (const c of cards)
    actions.push({ action: { type: 'more_like', trackId: c.id }, label: `More like “${c.title}”` });
  return actions;
}

function target(state: ConversationState) {
  const r = state.reading;
  const from = r ? { valence: r.valence, arousal: r.arousal } : { valence: 0, arousal: 0 };
  const goal: MoodGoal = state.goal ?? 'match';
  return targetFor(goal, from);
}

/** When a nudge ends an arc, the new base is halfway along it: the listener has heard songs up to there. */
function liftedShift(state: ConversationState): { valence: number; arousal: number } {
  const r = state.reading;
  if (!r) return state.shift;
  const to = targetFor(state.goal ?? 'match', { valence: r.valence, arousal: r.arousal });
  return {
    valence: clamp(state.shift.valence + (to.valence - r.valence) / 2),
    arousal: clamp(state.shift.arousal + (to.arousal - r.arousal) / 2),
  };
}

function describeConstraints(state: ConversationState): string {
  const c = state.constraints;
  const parts: string[] = [];
  if (c.languages?.length) parts.push(`in ${c.languages.map((l) => LANGUAGE_NAMES[l] ?? l).join('/')}`);
  if (c.genres?.length) parts.push(c.genres.join('/'));
  if (c.yearFrom !== undefined || c.yearTo !== undefined)
    parts.push(`${c.yearFrom ?? '…'}–${c.yearTo ?? 'now'}`);
  if (c.excludeArtists?.length) parts.push(`no ${c.excludeArtists.join(', ')}`);
  return parts.join(', ');
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function resetState(state: ConversationState): void {
  Object.assign(state, newConversation(state.id, state.createdAt));
}
