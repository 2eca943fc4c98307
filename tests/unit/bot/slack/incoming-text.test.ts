import { describe, expect, it } from 'vitest';
import { mentionsUser, plainTextOf } from '../../../../bot/slack/incoming-text.js';

describe('plainTextOf', () => {
  it.each([
    ['<@UBOT> feeling low', 'feeling low'],
    ['<@UBOT|moodtune> feeling low', 'feeling low'],
    ['hey <@UBOT>, <@U2> and I are sad', 'hey , @someone and I are sad'],
    ['songs like <https://open.spotify.com/track/1|this one>', 'songs like this one'],
    ['see <https://example.com>', 'see https://example.com'],
    ['in <#C1|general> <!here>', 'in #general'],
    ['rock &amp; roll &lt;3 &gt;', 'rock & roll <3 >'],
    ['¿triste?   un   poco', '¿triste? un poco'],
  ])('reads %j as %j', (text, expected) => {
    expect(plainTextOf(text, 'UBOT')).toBe(expected);
  });

  it('knows whether a message mentions the bot', () => {
    expect(mentionsUser('hi <@UBOT>', 'UBOT')).toBe(true);
    expect(mentionsUser('hi <@U2>', 'UBOT')).toBe(false);
    expect(mentionsUser('hi <@UBOT>', undefined)).toBe(false);
  });
});
