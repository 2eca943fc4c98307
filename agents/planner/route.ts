import { foldText } from '../../core/emotions/normalizer.js';
import type { MoodGoal } from '../../core/recommender/mood.js';
// One implementation of crisis/injection detection, shared with the Groq agent.
import { CRISIS_PATTERNS as CRISIS, INJECTION_PATTERNS as INJECTION } from '../safety.js';

/** A change to the current request, stated by the listener. */
export type Refinement =
  | { kind: 'shift'; valence: number; arousal: number; label: string }
  | { kind: 'goal'; goal: MoodGoal }
  | { kind: 'language'; languages: string[] | undefined }
  | { kind: 'exclude_artist'; artist: string }
  | { kind: 'genre'; genres: string[] | undefined }
  | { kind: 'era'; from: number | undefined; to: number | undefined; label: string }
  | { kind: 'surprise' };

export type Intent =
  | { type: 'empty' }
  | { type: 'help' }
  | { type: 'reset' }
  | { type: 'greeting' }
  | { type: 'thanks' }
  | { type: 'injection' }
  | { type: 'crisis' }
  | { type: 'why'; index: number }
  | { type: 'feedback'; value: 'up' | 'down'; index: number | undefined }
  /** Same mood, new songs, with optional changes and optional seeds ("more like the second one"). */
  | {
      type: 'refine';
      refinements: Refinement[];
      seedIndex: number | undefined;
      seedQuery: string | undefined;
    }
  /** A (new) description of how they feel, possibly with a goal, a theme and refinements. */
  | { type: 'mood'; feeling: string; goal: MoodGoal | undefined; refinements: Refinement[] };

export interface RouteContext {
  /** Catalog artist names matching a folded query (empty when none). */
  findArtists(query: string): string[];
  /** Genres present in the catalog (folded). */
  genres: ReadonlySet<string>;
  /** Whether songs were already shown in this conversation. */
  hasCards: boolean;
  /** A clarifying question is waiting for its answer. */
  awaitingGoal: boolean;
}

const ORDINALS: Record<string, number> = {
  first: 0,
  '1st': 0,
  one: 0,
  primera: 0,
  primero: 0,
  uno: 0,
  '1': 0,
  top: 0,
  second: 1,
  '2nd': 1,
  two: 1,
  segunda: 1,
  segundo: 1,
  dos: 1,
  '2': 1,
  third: 2,
  '3rd': 2,
  three: 2,
  tercera: 2,
  tercero: 2,
  tres: 2,
  '3': 2,
  fourth: 3,
  '4th': 3,
  four: 3,
  cuarta: 3,
  cuarto: 3,
  cuatro: 3,
  '4': 3,
  fifth: 4,
  '5th': 4,
  five: 4,
  quinta: 4,
  quinto: 4,
  cinco: 4,
  '5': 4,
  sixth: 5,
  '6th': 5,
  six: 5,
  '6': 5,
  seventh: 6,
  '7th': 6,
  seven: 6,
  '7': 6,
  eighth: 7,
  '8th': 7,
  eight: 7,
  '8': 7,
  ninth: 8,
  '9th': 8,
  nine: 8,
  '9': 8,
  tenth: 9,
  '10th': 9,
  ten: 9,
  '10': 9,
  last: -1,
  ultima: -1,
  ultimo: -1,
};
const ORDINAL_RE = `(?:#\\s*)?(${Object.keys(ORDINALS).join('|')})`;

const LANGUAGES: Record<string, string> = {
  spanish: 'es',
  espanol: 'es',
  castellano: 'es',
  english: 'en',
  ingles: 'en',
  portuguese: 'pt',
  portugues: 'pt',
  french: 'fr',
  frances: 'fr',
  korean: 'ko',
  coreano: 'ko',
  italian: 'it',
  italiano: 'it',
  german: 'de',
  aleman: 'de',
  japanese: 'ja',
  japones: 'ja',
};

function ordinal(word: string | undefined): number | undefined {
  if (word === undefined) return undefined;
  return ORDINALS[word.replace(/^#\s*/, '')];
}

/** Removes a matched span from the text we still have to interpret. */
function cut(text: string, re: RegExp): string {
  return text.replace(re, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * Interprets one message: a pure function of the text and a little context, tested with tables. It never
 * reads emotions itself; it decides what the message asks for and leaves the feeling text to the reader.
 */
export function route(raw: string, ctx: RouteContext): Intent {
  const text = foldText(raw).replace(/[“”]/g, '"');
  const bare = text
    .replace(/[!?.,;:…]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (bare === '' && !/\p{Extended_Pictographic}/u.test(raw)) return { type: 'empty' };
  if (CRISIS.some((re) => re.test(text))) return { type: 'crisis' };
  if (INJECTION.some((re) => re.test(text))) return { type: 'injection' };
  if (/^(\/?help|\?|what can you do|how does (this|it) work|commands|ayuda|como funciona)$/.test(bare))
    return { type: 'help' };
  if (
    /^(start over|start again|reset|restart|new conversation|clear|forget (it|everything)|empezar de nuevo|de nuevo|reiniciar)$/.test(
      bare,
    )
  ) {
    return { type: 'reset' };
  }
  if (
    /^(hi|hey|hello|yo|hiya|hola|buenas|good (morning|afternoon|evening)|sup|what'?s up)( there)?( moodtune)?$/.test(
      bare,
    )
  ) {
    return { type: 'greeting' };
  }
  if (
    /^(thanks|thank you|thx|ty|gracias|cheers|perfect|great thanks|nice|cool|ok|okay|gracias!?)$/.test(bare)
  )
    return { type: 'thanks' };

  const why = new RegExp(
    `^(why|por ?que|explain)( did you (pick|choose))?( the| number| song| la| el)? ${ORDINAL_RE}( one| song| track| pick| cancion)?$`,
  ).exec(bare);
  if (why) return { type: 'why', index: ordinal(why[5])! };
  if (/^(why( these| this| them)?|por ?que)$/.test(bare) && ctx.hasCards) return { type: 'why', index: 0 };

  const fb = new RegExp(
    `^(i )?(love|like|loved|liked|dig|dislike|hate|hated|don'?t like)( the)? ${ORDINAL_RE}( one| song)?$`,
  ).exec(bare);
  if (fb)
    return {
      type: 'feedback',
      value: /dislike|hate|don/.test(fb[2]!) ? 'down' : 'up',
      index: ordinal(fb[4]),
    };
  if (
    /^(👍|good ones?|love (it|these|them)|like (it|these)|these are (great|good|perfect)|me gustan?)$/u.test(
      bare,
    )
  ) {
    return { type: 'feedback', value: 'up', index: undefined };
  }
  if (
    /^(👎|not (it|these|great)|don'?t like (it|these|them)|these are (bad|wrong|not it)|no me gustan?)$/u.test(
      bare,
    )
  ) {
    return { type: 'feedback', value: 'down', index: undefined };
  }

  // Refinements: each match is cut from the text; whatever remains may still describe a feeling.
  let rest = bare;
  const refinements: Refinement[] = [];
  let seedIndex: number | undefined;
  let seedQuery: string | undefined;
  let wantsMore = false;
  let goal: MoodGoal | undefined;

  const likeOrdinal = new RegExp(
    `\\b(more |something |songs? )?(like|similar to|parecidas? a|como) (the |la |el )?${ORDINAL_RE}( one| song| track| cancion)?\\b`,
  );
  const m1 = likeOrdinal.exec(rest);
  if (m1) {
    seedIndex = ordinal(m1[4]);
    rest = cut(rest, likeOrdinal);
  } else {
    const likeSong = /\b(more like|something like|songs like|similar to|parecidas a) "?([^"]{2,80})"?$/.exec(
      rest,
    );
    if (likeSong && !/\b(this|that|these|those|it)$/.test(likeSong[2]!)) {
      seedQuery = likeSong[2]!.trim();
      rest = cut(rest, /\b(more like|something like|songs like|similar to|parecidas a) .*$/);
    } else if (/\bmore like (these|this|them|that)\b/.test(rest)) {
      seedIndex = -2; // all of the last set
      rest = cut(rest, /\bmore like (these|this|them|that)\b/);
    }
  }

  const SHIFTS: [RegExp, Refinement][] = [
    [
      /\b(less sad|not so sad|less depressing|less gloomy|less dark|a bit happier|happier|more upbeat|brighter|more cheerful|mas alegres?|menos triste)\b/,
      { kind: 'shift', valence: 0.45, arousal: 0.1, label: 'brighter' },
    ],
    [
      /\b(sadder|more sad|darker|more melancholic|more depressing|mas triste)\b/,
      { kind: 'shift', valence: -0.45, arousal: -0.05, label: 'darker' },
    ],
    [
      /\b((something |songs? )?(with )?more energy|more energetic|faster|more upbeat|harder|louder|pump (me|it) up|mas energia|mas movid[ao]s?)\b/,
      { kind: 'shift', valence: 0.05, arousal: 0.55, label: 'more energy' },
    ],
    [
      /\b(less energy|calmer|more calm|slower|softer|more chill|chiller|quieter|more relaxed|mellower|mas tranquil[ao]s?|mas suaves?)\b/,
      { kind: 'shift', valence: 0.05, arousal: -0.55, label: 'calmer' },
    ],
    [
      /\b(less angry|less aggressive|gentler)\b/,
      { kind: 'shift', valence: 0.2, arousal: -0.3, label: 'gentler' },
    ],
  ];
  for (const [re, refinement] of SHIFTS) {
    if (re.test(rest)) {
      refinements.push(refinement);
      rest = cut(rest, re);
    }
  }

  const lift =
    /\b((slowly |gradually )?(pick|picks|lift|lifts|cheer|cheers) me up|lift my (mood|spirits)|make me (feel )?(better|happy|happier)|get me out of (this|it)|animarme|levantarme el animo|subirme el animo)\b/;
  const match =
    /\b(sit with (it|this|the feeling)|stay with (it|this|the feeling)|match (it|my mood|this)|wallow|lean into it|feel it|acompanarme)\b/;
  const calm =
    /\b(help me (relax|calm down|sleep|unwind)|calm me down|wind down|to relax|to sleep|relajarme|dormir)\b/;
  const energize =
    /\b(get me (going|pumped|hyped|moving)|pump me up|for the gym|workout|to run|wake me up|motivate me|motivarme)\b/;
  if (lift.test(rest)) {
    goal = 'lift';
    rest = cut(rest, lift);
  } else if (match.test(rest)) {
    goal = 'match';
    rest = cut(rest, match);
  } else if (calm.test(rest)) {
    goal = 'calm';
    rest = cut(rest, calm);
  } else if (energize.test(rest)) {
    goal = 'energize';
    rest = cut(rest, energize);
  }
  if (ctx.awaitingGoal && goal === undefined) {
    if (/^(lift|lift me|lift it|up|brighter|the second|second|2|subir|animame|cheer me up|both)$/.test(rest))
      goal = 'lift';
    else if (/^(match|match it|sit with it|stay|the first|first|1|stay with it|acompaname)$/.test(rest))
      goal = 'match';
    if (goal) rest = '';
  }

  const lang =
    /\b(only|just|solo|solamente|in|en|songs in|canciones en)? ?(spanish|espanol|castellano|english|ingles|portuguese|portugues|french|frances|korean|coreano|italian|italiano|german|aleman|japanese|japones)( only| songs| music| please| solamente)?\b/;
  const langMatch = lang.exec(rest);
  if (langMatch && (langMatch[1] || langMatch[3] || rest.trim() === langMatch[0].trim())) {
    refinements.push({ kind: 'language', languages: [LANGUAGES[langMatch[2]!]!] });
    rest = cut(rest, lang);
  }
  if (/\b(any language|all languages|cualquier idioma)\b/.test(rest)) {
    refinements.push({ kind: 'language', languages: undefined });
    rest = cut(rest, /\b(any language|all languages|cualquier idioma)\b/);
  }

  const noArtist =
    /\b(no|not|without|skip|sin|nada de|no more|ban|except|anything but|minus)( more)? ([a-z0-9$*&'. -]{2,40}?)( please| songs| por favor)?$/;
  const na = noArtist.exec(rest);
  if (na) {
    const artists = ctx.findArtists(na[3]!.trim());
    if (artists.length > 0) {
      for (const artist of artists) refinements.push({ kind: 'exclude_artist', artist });
      rest = cut(rest, noArtist);
    }
  }

  if (/\b(any genre|all genres|any style)\b/.test(rest)) {
    refinements.push({ kind: 'genre', genres: undefined });
    rest = cut(rest, /\b(any genre|all genres|any style)\b/);
  } else {
    const genreMatch =
      /\b(only|just|some|more|solo|something|a little|give me|play)? ?([a-z&' -]{3,25}?)( only| music| songs| stuff| please)?$/.exec(
        rest,
      );
    const candidate = genreMatch?.[2]?.trim();
    if (candidate && ctx.genres.has(candidate) && (genreMatch![1] || genreMatch![3] || rest === candidate)) {
      refinements.push({ kind: 'genre', genres: [candidate] });
      rest = cut(
        rest,
        new RegExp(
          `\\b(only |just |some |more |solo |something |a little |give me |play )?${candidate.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( only| music| songs| stuff| please)?\\b`,
        ),
      );
    }
  }

  const decade = /\b(from the |de los |los )?((19)?[5-9]0|(20)?[0-2]0)'?s\b/.exec(rest);
  if (decade) {
    const d = decade[2]!.length === 2 ? Number(decade[2]) : Number(decade[2]!.slice(2));
    const start = d >= 50 ? 1900 + d : 2000 + d;
    refinements.push({ kind: 'era', from: start, to: start + 9, label: `the ${start}s` });
    rest = cut(rest, /\b(from the |de los |los )?((19)?[5-9]0|(20)?[0-2]0)'?s\b/);
  } else if (/\b(older|oldies|classics|old school|clasicos|viejitas)\b/.test(rest)) {
    refinements.push({ kind: 'era', from: undefined, to: 1999, label: 'older songs' });
    rest = cut(rest, /\b(older|oldies|classics|old school|clasicos|viejitas)( songs| ones| stuff)?\b/);
  } else if (/\b(newer|recent|new stuff|newer ones|modern|nuevas|recientes)\b/.test(rest)) {
    refinements.push({ kind: 'era', from: 2015, to: undefined, label: 'recent songs' });
    rest = cut(
      rest,
      /\b(newer|recent|new stuff|newer ones|modern|nuevas|recientes)( songs| ones| stuff| music)?\b/,
    );
  } else if (/\b(any (era|year|decade))\b/.test(rest)) {
    refinements.push({ kind: 'era', from: undefined, to: undefined, label: 'any era' });
    rest = cut(rest, /\b(any (era|year|decade))\b/);
  }

  if (/\b(surprise me|something different|random|sorprendeme|anything)\b/.test(rest)) {
    refinements.push({ kind: 'surprise' });
    rest = cut(rest, /\b(surprise me|something different|random|sorprendeme|anything)\b/);
  }

  const moreRe =
    /^(more|more please|more songs|another|another one|others|other ones|next|again|keep going|mas|otra|otras|otra vez|dame mas|give me more|some more|more of (these|that|this))$/;
  if (moreRe.test(rest)) {
    wantsMore = true;
    rest = '';
  }
  // Connective leftovers ("and", "but", "please", "songs") are not a feeling.
  const leftover = rest
    .replace(
      /\b(and|but|also|please|songs?|music|something|some|with|a|the|now|then|ones?|tracks?|y|pero|por favor|canciones|i want|give me|play|maybe|just|only|more|less|lo|la|el|me|can you|could you|i'?d like)\b/g,
      ' ',
    )
    .replace(/\s+/g, ' ')
    .trim();

  const hasRefinement =
    refinements.length > 0 || seedIndex !== undefined || seedQuery !== undefined || wantsMore;
  if (leftover.length < 3 && (hasRefinement || goal)) {
    if (goal && !hasRefinement && !ctx.hasCards) return { type: 'mood', feeling: '', goal, refinements };
    if (goal) refinements.push({ kind: 'goal', goal });
    return { type: 'refine', refinements, seedIndex, seedQuery };
  }
  return { type: 'mood', feeling: raw.trim(), goal, refinements };
}
