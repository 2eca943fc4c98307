import { describe, expect, it } from 'vitest';
import { COMMANDS, findCommand } from '../../../../bot/discord/commands/index.js';
import { LASTFM_NOT_CONFIGURED_TEXT } from '../../../../bot/discord/commands/lastfm.js';
import { DISCORD_HELP_TEXT } from '../../../../bot/discord/commands/moodtune.js';
import { threadName } from '../../../../bot/discord/start-conversation.js';
import { stripBotMention } from '../../../../bot/discord/events/message-create.js';
import { inviteUrl, INTENTS } from '../../../../bot/discord/main.js';
import { GatewayIntentBits } from 'discord.js';

describe('slash commands', () => {
  it('lists /mood, /similar, /moodtune help and /lastfm link|unlink|status', () => {
    expect(COMMANDS.map((c) => c.data.name)).toEqual(['mood', 'similar', 'moodtune', 'lastfm']);
    expect(findCommand('moodtune')?.data.options?.map((o) => o.name)).toEqual(['help']);
    expect(findCommand('lastfm')?.data.options?.map((o) => o.name)).toEqual(['link', 'unlink', 'status']);
    expect(findCommand('mood')?.data.options?.[0]).toMatchObject({ name: 'feeling', required: true });
    expect(findCommand('nope')).toBeUndefined();
    for (const command of COMMANDS) expect(command.data.description.length).toBeLessThanOrEqual(100);
  });

  it('fits help on one screen and says Last.fm is not configured yet', () => {
    expect(DISCORD_HELP_TEXT.length).toBeLessThanOrEqual(2000);
    for (const name of ['/mood', '/similar', '/lastfm', 'More like…', 'start over'])
      expect(DISCORD_HELP_TEXT).toContain(name);
    expect(LASTFM_NOT_CONFIGURED_TEXT).toMatch(/^Last\.fm linking is not configured yet/);
  });
});

describe('message parsing', () => {
  it.each([
    ['<@42> I feel sad', 'I feel sad'],
    ['hey <@!42>   how are you', 'hey how are you'],
    ['<@42>', ''],
    ['<@421> not me', '<@421> not me'],
  ])('stripBotMention(%j) = %j', (content, expected) => {
    expect(stripBotMention(content, '42')).toBe(expected);
  });

  it('names threads on one line within 100 characters', () => {
    expect(threadName('rough\nday')).toBe('🎧 rough day');
    expect(threadName('   ')).toBe('🎧 moodtune');
    expect(threadName('x'.repeat(500))).toHaveLength(100);
  });
});

describe('client setup', () => {
  it('asks only for the intents it uses', () => {
    expect([...INTENTS].sort((a, b) => a - b)).toEqual([
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMessages,
      GatewayIntentBits.DirectMessages,
      GatewayIntentBits.MessageContent,
    ]);
  });

  it('builds the invite URL with the bot and applications.commands scopes and the permissions used', () => {
    const url = new URL(inviteUrl('123'));
    expect(url.searchParams.get('client_id')).toBe('123');
    expect(url.searchParams.get('scope')).toBe('bot applications.commands');
    // View Channel, Send Messages, Embed Links, Read Message History, Create Public Threads, Send Messages in Threads.
    expect(url.searchParams.get('permissions')).toBe(
      String(1024 + 2048 + 16384 + 65536 + 34359738368 + 274877906944),
    );
  });
});
