import type { TurnAction } from '../../agents/types.js';

/**
 * Button and select-menu custom ids: `mt1:<verb>:<scope>:<channel>[:<track key>]`, where
 * `discord:<scope>:<channel>` is the conversation id (scope = guild id or `dm`). Discord caps custom ids at
 * 100 characters; with 20-digit snowflakes the longest id here is 61. Track ids can be long, so a button names a
 * song by a short key (a hash of its id) that is resolved against the conversation's songs when pressed.
 */
export const CUSTOM_ID_PREFIX = 'mt1';
export const MAX_CUSTOM_ID_CHARS = 100;

const VERBS = ['more', 'lift', 'calmer', 'surprise', 'up', 'down', 'reset', 'like', 'pick'] as const;
export type Verb = (typeof VERBS)[number];

export interface ParsedCustomId {
  verb: Verb;
  conversationId: string;
  /** The track key of a `like` button. */
  trackKey?: string;
}

const SCOPE = /^(dm|\d{1,20})$/;
const SNOWFLAKE = /^\d{1,20}$/;
const TRACK_KEY = /^[0-9a-z]{1,8}$/;

/** FNV-1a (32-bit) of the track id in base 36: at most 7 characters. Collisions only matter within one conversation. */
export function trackKey(trackId: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < trackId.length; i++) {
    hash ^= trackId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}

/** The conversation id of a DM, channel or thread. */
export function conversationIdOf(guildId: string | null | undefined, channelId: string): string {
  return `discord:${guildId ?? 'dm'}:${channelId}`;
}

/** The custom id for a verb in a conversation, or undefined when it would not fit Discord's limit. */
export function encodeCustomId(verb: Verb, conversationId: string, key?: string): string | undefined {
  const [platform, scope, channel] = conversationId.split(':');
  if (platform !== 'discord' || !scope || !channel || !SCOPE.test(scope) || !SNOWFLAKE.test(channel))
    return undefined;
  const id = [CUSTOM_ID_PREFIX, verb, scope, channel, ...(key === undefined ? [] : [key])].join(':');
  return id.length <= MAX_CUSTOM_ID_CHARS ? id : undefined;
}

/** Parses a custom id we issued; undefined for anything else (other bots' ids, old formats, tampering). */
export function parseCustomId(customId: string): ParsedCustomId | undefined {
  if (customId.length > MAX_CUSTOM_ID_CHARS) return undefined;
  const [prefix, verb, scope, channel, key, ...rest] = customId.split(':');
  if (prefix !== CUSTOM_ID_PREFIX || rest.length > 0) return undefined;
  if (!VERBS.includes(verb as Verb) || !scope || !channel) return undefined;
  if (!SCOPE.test(scope) || !SNOWFLAKE.test(channel)) return undefined;
  if (verb === 'like' ? !key || !TRACK_KEY.test(key) : key !== undefined) return undefined;
  return {
    verb: verb as Verb,
    conversationId: `discord:${scope}:${channel}`,
    ...(key ? { trackKey: key } : {}),
  };
}

/** The verb that stands for an action (`more_like` → `like`). */
export function verbOf(action: TurnAction): Verb {
  switch (action.type) {
    case 'more':
    case 'lift':
    case 'calmer':
    case 'surprise':
    case 'reset':
      return action.type;
    case 'feedback':
      return action.value;
    case 'more_like':
      return 'like';
  }
}

/** The action of a verb; `like`/`pick` need the resolved track id. */
export function actionOf(verb: Verb, trackId?: string): TurnAction | undefined {
  switch (verb) {
    case 'more':
    case 'lift':
    case 'calmer':
    case 'surprise':
    case 'reset':
      return { type: verb };
    case 'up':
    case 'down':
      return { type: 'feedback', value: verb };
    case 'like':
    case 'pick':
      return trackId ? { type: 'more_like', trackId } : undefined;
  }
}
