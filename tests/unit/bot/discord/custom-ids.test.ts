import { describe, expect, it } from 'vitest';
import {
  actionOf,
  conversationIdOf,
  encodeCustomId,
  MAX_CUSTOM_ID_CHARS,
  parseCustomId,
  trackKey,
  verbOf,
  type Verb,
} from '../../../../bot/discord/custom-ids.js';

const LONGEST = 'discord:12345678901234567890:12345678901234567890';

describe('custom ids', () => {
  it.each<[Verb, string, string | undefined]>([
    ['more', 'discord:dm:111', undefined],
    ['surprise', LONGEST, undefined],
    ['like', LONGEST, trackKey('x'.repeat(500))],
    ['pick', 'discord:42:43', undefined],
  ])('round-trips %s in %s', (verb, conversationId, key) => {
    const id = encodeCustomId(verb, conversationId, key)!;
    expect(id.length).toBeLessThanOrEqual(MAX_CUSTOM_ID_CHARS);
    expect(parseCustomId(id)).toEqual({ verb, conversationId, ...(key ? { trackKey: key } : {}) });
  });

  it.each([
    '',
    'hello',
    'mt1',
    'mt2:more:dm:1',
    'mt1:dance:dm:1',
    'mt1:more:dm:abc',
    'mt1:more:guild:1',
    'mt1:more:dm:1:extra',
    'mt1:like:dm:1',
    'mt1:like:dm:1:NOT-A-KEY',
    `mt1:more:dm:${'1'.repeat(120)}`,
  ])('rejects %j', (id) => {
    expect(parseCustomId(id)).toBeUndefined();
  });

  it('refuses to encode conversations that are not Discord DMs, channels or threads', () => {
    expect(encodeCustomId('more', 'shell:1')).toBeUndefined();
    expect(encodeCustomId('more', 'discord:dm:not-a-snowflake')).toBeUndefined();
  });

  it('names conversations per guild channel/thread or DM', () => {
    expect(conversationIdOf('42', '7')).toBe('discord:42:7');
    expect(conversationIdOf(null, '7')).toBe('discord:dm:7');
  });

  it('keys tracks by a short, stable hash', () => {
    expect(trackKey('spotify:track:abc')).toBe(trackKey('spotify:track:abc'));
    expect(trackKey('spotify:track:abc')).not.toBe(trackKey('spotify:track:abd'));
    expect(trackKey('y'.repeat(10_000))).toMatch(/^[0-9a-z]{1,7}$/);
  });

  it('maps every action to a verb and back', () => {
    const actions = [
      { type: 'more' },
      { type: 'lift' },
      { type: 'calmer' },
      { type: 'surprise' },
      { type: 'reset' },
      { type: 'feedback', value: 'up' },
      { type: 'feedback', value: 'down' },
      { type: 'more_like', trackId: 't1' },
    ] as const;
    for (const action of actions) expect(actionOf(verbOf(action), 't1')).toEqual(action);
    expect(actionOf('pick', undefined)).toBeUndefined();
  });
});
