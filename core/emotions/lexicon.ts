import type { Emotion } from './vocabulary.js';

/**
 * Words and phrases people type (English and Spanish, accents stripped, lower case) → canonical emotion.
 * Derivatives that plain suffix folding finds ("joyful" → joy) need no entry; this table holds synonyms,
 * irregular forms, slang and Spanish.
 */
export const LEXICON: Readonly<Record<string, Emotion>> = {
  // joy / happiness
  happy: 'happiness', glad: 'happiness', cheerful: 'happiness', good: 'happiness', great: 'happiness',
  fine: 'contentment', awesome: 'joy', amazing: 'joy', wonderful: 'joy', delighted: 'joy', joyous: 'joy',
  stoked: 'excitement', thrilled: 'excitement', pumped: 'excitement', hyped: 'energy', hype: 'energy',
  ecstatic: 'euphoria', elated: 'euphoria', 'on top of the world': 'euphoria', blissful: 'euphoria', bliss: 'euphoria',
  energetic: 'energy', energized: 'energy', upbeat: 'energy', lively: 'energy', 'full of energy': 'energy',
  victorious: 'triumph', winning: 'triumph', won: 'triumph', 'self-assured': 'confidence', fearless: 'confidence',
  strong: 'empowerment', unstoppable: 'empowerment', badass: 'empowerment', powerful: 'empowerment',
  accomplished: 'pride', silly: 'playfulness', cheeky: 'playfulness', fun: 'playfulness', goofy: 'playfulness',
  funny: 'amusement', laughing: 'amusement', lol: 'amusement', haha: 'amusement', party: 'celebration',
  partying: 'celebration', festive: 'celebration', celebrate: 'celebration', carefree: 'freedom', free: 'freedom',
  liberated: 'freedom', eager: 'enthusiasm', motivated: 'enthusiasm', intense: 'passion', horny: 'desire',
  craving: 'desire', sexy: 'sensuality', seductive: 'sensuality', crush: 'infatuation', smitten: 'infatuation',
  butterflies: 'infatuation', driven: 'determination', focused: 'determination', motivation: 'determination',
  rebellious: 'defiance', shocked: 'surprise', astonished: 'surprise', 'looking forward': 'anticipation',
  intrigued: 'curiosity', amazed: 'awe', wonder: 'awe', respect: 'admiration',
  // love / calm
  'in love': 'love', adore: 'love', loved: 'love', loving: 'love', romantic: 'romance', gentle: 'tenderness',
  fond: 'affection', supportive: 'caring', thankful: 'gratitude', grateful: 'gratitude', blessed: 'gratitude',
  hopeful: 'hope', positive: 'optimism', satisfied: 'contentment', content: 'contentment', 'at ease': 'contentment',
  peaceful: 'peace', mellow: 'calm', chill: 'calm', chilled: 'calm', quiet: 'calm', relaxed: 'relaxation',
  relaxing: 'relaxation', unwind: 'relaxation', tranquil: 'serenity', zen: 'serenity', relieved: 'relief',
  cozy: 'comfort', comfy: 'comfort', safe: 'comfort', soothing: 'comfort', dreamy: 'dreaminess', floaty: 'dreaminess',
  'letting go': 'acceptance', 'moving on': 'healing', recovering: 'healing', together: 'belonging',
  friends: 'belonging', friendship: 'belonging',
  // mixed
  nostalgic: 'nostalgia', memories: 'nostalgia', 'old days': 'nostalgia', wistful: 'melancholy',
  'happy and sad': 'bittersweet', 'miss him': 'longing', 'miss her': 'longing', 'miss them': 'longing',
  'missing someone': 'longing', miss: 'longing', missing: 'longing', yearn: 'yearning', pining: 'yearning',
  reflective: 'introspection', thoughtful: 'introspection', pensive: 'introspection', introspective: 'introspection',
  fragile: 'vulnerability', raw: 'vulnerability', exposed: 'vulnerability', 'road trip': 'wanderlust',
  adventurous: 'wanderlust', eerie: 'mystery', mysterious: 'mystery', epiphany: 'realization',
  // sad / low
  sad: 'sadness', down: 'sadness', blue: 'sadness', unhappy: 'sadness', crying: 'sadness', cry: 'sadness',
  depressed: 'sadness', depressing: 'sadness', miserable: 'sadness', 'feeling low': 'sadness', low: 'sadness',
  gloomy: 'melancholy', moody: 'melancholy', mourning: 'grief', grieving: 'grief', loss: 'grief', funeral: 'grief',
  died: 'grief', passed: 'grief', heartbroken: 'heartbreak', breakup: 'heartbreak', 'broke up': 'heartbreak',
  dumped: 'heartbreak', 'broken heart': 'heartbreak', lonely: 'loneliness', alone: 'loneliness',
  isolated: 'loneliness', 'by myself': 'loneliness', sorry: 'remorse', guilty: 'guilt', ashamed: 'shame',
  worthless: 'shame', humiliated: 'shame', 'let down': 'disappointment', disappointed: 'disappointment',
  numb: 'numbness', 'feel nothing': 'numbness', hollow: 'numbness', detached: 'numbness', empty: 'emptiness',
  meaningless: 'emptiness', apathetic: 'apathy', indifferent: 'apathy', "don't care": 'apathy', meh: 'apathy',
  bored: 'boredom', boring: 'boredom', tired: 'exhaustion', exhausted: 'exhaustion', drained: 'exhaustion',
  'burnt out': 'exhaustion', 'burned out': 'exhaustion', burnout: 'exhaustion', sleepy: 'exhaustion',
  hopeless: 'despair', 'giving up': 'despair', insecure: 'insecurity', 'not good enough': 'insecurity',
  homesick: 'homesickness', rough: 'sadness', awful: 'sadness', terrible: 'sadness', bad: 'sadness',
  // angry / tense
  angry: 'anger', mad: 'anger', furious: 'rage', livid: 'rage', fury: 'rage', frustrated: 'frustration',
  'fed up': 'frustration', stuck: 'frustration', annoyed: 'annoyance', irritated: 'annoyance',
  'pissed off': 'annoyance', pissed: 'anger', resentful: 'resentment', bitter: 'bitterness', cynical: 'bitterness',
  jealous: 'jealousy', envious: 'jealousy', envy: 'jealousy', betrayed: 'betrayal', 'cheated on': 'betrayal',
  'lied to': 'betrayal', backstabbed: 'betrayal', payback: 'revenge', anxious: 'anxiety', worried: 'anxiety',
  worry: 'anxiety', 'on edge': 'anxiety', overthinking: 'anxiety', scared: 'fear', afraid: 'fear',
  terrified: 'fear', frightened: 'fear', nervous: 'nervousness', jittery: 'nervousness', stressed: 'stress',
  overwhelmed: 'stress', pressure: 'stress', restless: 'restlessness', "can't sleep": 'restlessness',
  confused: 'confusion', lost: 'confusion', disgusted: 'disgust', gross: 'disgust', embarrassed: 'embarrassment',
  awkward: 'embarrassment', cringe: 'embarrassment', tense: 'tension', dread: 'tension', obsessed: 'obsession',
  hurting: 'heartache', hurt: 'heartache', heartache: 'heartache',
  proud: 'pride', confident: 'confidence', euphoric: 'euphoria', 
  // Spanish (accents stripped)
  desesperacion: 'despair', decepcion: 'disappointment', frustracion: 'frustration', preocupacion: 'anxiety',
  emocion: 'excitement', ilusion: 'hope', ilusionado: 'hope', ilusionada: 'hope', orgullo: 'pride',
  animado: 'enthusiasm', animada: 'enthusiasm', 'con ganas': 'enthusiasm',
  feliz: 'happiness', contento: 'contentment', contenta: 'contentment', alegre: 'joy', alegria: 'joy',
  emocionado: 'excitement', emocionada: 'excitement', euforico: 'euphoria', euforica: 'euphoria',
  energia: 'energy', confiado: 'confidence', confiada: 'confidence', orgulloso: 'pride', orgullosa: 'pride',
  fiesta: 'celebration', libre: 'freedom', libertad: 'freedom', pasion: 'passion', deseo: 'desire',
  enamorado: 'love', enamorada: 'love', amor: 'love', carino: 'affection', ternura: 'tenderness',
  agradecido: 'gratitude', agradecida: 'gratitude', esperanza: 'hope', optimista: 'optimism', paz: 'peace',
  tranquilo: 'calm', tranquila: 'calm', calma: 'calm', relajado: 'relaxation', relajada: 'relaxation',
  alivio: 'relief', aliviado: 'relief', aliviada: 'relief', nostalgia: 'nostalgia', nostalgico: 'nostalgia',
  nostalgica: 'nostalgia', extrano: 'longing', 'te extrano': 'longing', anoranza: 'longing', triste: 'sadness',
  tristeza: 'sadness', deprimido: 'sadness', deprimida: 'sadness', 'de bajon': 'sadness', bajon: 'sadness',
  melancolia: 'melancholy', melancolico: 'melancholy', melancolica: 'melancholy', duelo: 'grief', luto: 'grief',
  'corazon roto': 'heartbreak', despechado: 'heartbreak', despechada: 'heartbreak', despecho: 'heartbreak',
  solo: 'loneliness', sola: 'loneliness', soledad: 'loneliness', arrepentido: 'regret', arrepentida: 'regret',
  culpa: 'guilt', culpable: 'guilt', verguenza: 'shame', decepcionado: 'disappointment',
  decepcionada: 'disappointment', vacio: 'emptiness', vacia: 'emptiness', aburrido: 'boredom', aburrida: 'boredom',
  cansado: 'exhaustion', cansada: 'exhaustion', agotado: 'exhaustion', agotada: 'exhaustion',
  desesperado: 'despair', desesperada: 'despair', inseguro: 'insecurity', insegura: 'insecurity',
  enojado: 'anger', enojada: 'anger', enfadado: 'anger', enfadada: 'anger', rabia: 'rage', ira: 'rage',
  furioso: 'rage', furiosa: 'rage', frustrado: 'frustration', frustrada: 'frustration', harto: 'frustration',
  harta: 'frustration', celoso: 'jealousy', celosa: 'jealousy', celos: 'jealousy', traicionado: 'betrayal',
  traicionada: 'betrayal', traicion: 'betrayal', ansioso: 'anxiety', ansiosa: 'anxiety', ansiedad: 'anxiety',
  preocupado: 'anxiety', preocupada: 'anxiety', miedo: 'fear', asustado: 'fear', asustada: 'fear',
  nervioso: 'nervousness', nerviosa: 'nervousness', estresado: 'stress', estresada: 'stress', estres: 'stress',
  confundido: 'confusion', confundida: 'confusion', perdido: 'confusion', perdida: 'confusion',
  dolido: 'heartache', dolida: 'heartache', dolor: 'heartache', 'sin ganas': 'apathy', apatia: 'apathy',
  entumecido: 'numbness', entumecida: 'numbness', sanar: 'healing', 'seguir adelante': 'resilience',
  valiente: 'confidence', fuerte: 'empowerment', divertido: 'playfulness', divertida: 'playfulness',
};

/** Words that flip the polarity of the emotion word right after them (within a short window). */
export const NEGATORS = new Set([
  'not', 'no', 'never', "don't", 'dont', "didn't", 'didnt', "isn't", "wasn't", "aren't", "ain't", 'nothing',
  'hardly', 'barely', 'without', 'nunca', 'ni', 'tampoco', 'sin', "can't", 'cant', "won't", 'neither', 'nor',
]);

/** Intensity modifiers and their multipliers. */
export const INTENSIFIERS: Readonly<Record<string, number>> = {
  'a bit': 0.55, 'a little': 0.55, 'kind of': 0.65, 'kinda': 0.65, 'sort of': 0.65, 'sorta': 0.65,
  slightly: 0.5, somewhat: 0.65, 'a little bit': 0.5, 'un poco': 0.55, 'algo': 0.7, mildly: 0.5,
  so: 1.4, very: 1.4, really: 1.35, super: 1.5, extremely: 1.7, incredibly: 1.6, totally: 1.4,
  completely: 1.5, utterly: 1.6, 'so so': 1.6, too: 1.3, muy: 1.4, 'tan': 1.4, 'bien': 1.2,
  're': 1.3, 'demasiado': 1.5, 'super duper': 1.6, absolutely: 1.5, deeply: 1.5,
};

/** What "not X" most plausibly means, for the common cases; otherwise X is simply dropped. */
export const NEGATION_OPPOSITES: Partial<Readonly<Record<Emotion, Emotion>>> = {
  happiness: 'sadness', joy: 'sadness', contentment: 'disappointment', calm: 'restlessness',
  relaxation: 'stress', peace: 'restlessness', hope: 'despair', optimism: 'despair', confidence: 'insecurity',
  energy: 'exhaustion', excitement: 'boredom', love: 'heartache', comfort: 'vulnerability',
  sadness: 'contentment', anger: 'calm', anxiety: 'calm', stress: 'relaxation', loneliness: 'belonging',
  exhaustion: 'energy', fear: 'confidence',
};

/** Emoji people use to say how they feel. */
export const EMOJI: Readonly<Record<string, Emotion>> = {
  '😢': 'sadness', '😭': 'sadness', '😞': 'disappointment', '😔': 'melancholy', '🥺': 'vulnerability',
  '💔': 'heartbreak', '😡': 'anger', '🤬': 'rage', '😠': 'anger', '😤': 'frustration', '😊': 'happiness',
  '😄': 'joy', '😁': 'joy', '😀': 'happiness', '🙂': 'contentment', '😂': 'amusement', '🤣': 'amusement',
  '❤️': 'love', '❤': 'love', '😍': 'love', '🥰': 'love', '😘': 'affection', '🤩': 'excitement',
  '🎉': 'celebration', '🥳': 'celebration', '🔥': 'energy', '💪': 'empowerment', '😴': 'exhaustion',
  '🥱': 'exhaustion', '😰': 'anxiety', '😟': 'anxiety', '😨': 'fear', '😱': 'fear', '😬': 'nervousness',
  '😌': 'relief', '🧘': 'serenity', '🥲': 'bittersweet', '😐': 'apathy', '😶': 'numbness', '🙃': 'confusion',
  '😕': 'confusion', '🤢': 'disgust', '😳': 'embarrassment', '🌧️': 'melancholy', '☀️': 'warmth', '✨': 'dreaminess',
  '🙏': 'gratitude', '😎': 'confidence', '🤔': 'curiosity', '😮': 'surprise', '🫠': 'exhaustion',
};
