import { describe, expect, it } from 'vitest';
import { parseCommand, type SlackCommand } from '../../../../bot/slack/command-parser.js';

describe('parseCommand', () => {
  it.each<[string, SlackCommand]>([
    ['', { type: 'help', empty: true }],
    ['   ', { type: 'help', empty: true }],
    ['help', { type: 'help', empty: false }],
    ['HELP', { type: 'help', empty: false }],
    ['help me, I feel lost', { type: 'feeling', text: 'help me, I feel lost' }],
    ['private', { type: 'private', text: '' }],
    ['private   missing home  ', { type: 'private', text: 'missing home' }],
    ['link lastfm rj', { type: 'link', service: 'lastfm', user: 'rj' }],
    ['link', { type: 'link', service: undefined, user: undefined }],
    ['link Spotify bob', { type: 'link', service: 'spotify', user: 'bob' }],
    ['unlink', { type: 'unlink' }],
    ['status', { type: 'status' }],
    ['sad', { type: 'feeling', text: 'sad' }],
    ['¿triste? un poco', { type: 'feeling', text: '¿triste? un poco' }],
    ['settings', { type: 'unknown', word: 'settings' }],
    ['--verbose', { type: 'unknown', word: '--verbose' }],
    ['/moodtune', { type: 'unknown', word: '/moodtune' }],
    ['settings are making me sad', { type: 'feeling', text: 'settings are making me sad' }],
  ])('reads %j', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  it('keeps a 4,000-character feeling whole (the turn handler decides how much it reads)', () => {
    const long = 'tired '.repeat(700).trim();
    expect(parseCommand(long)).toEqual({ type: 'feeling', text: long });
  });
});
