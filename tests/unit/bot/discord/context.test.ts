import { DiscordAPIError, PermissionFlagsBits, PermissionsBitField } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { missingPermissions, safeErrorFields, scrubTokens } from '../../../../bot/discord/context.js';

describe('missingPermissions', () => {
  it('names what is missing, and nothing when permissions are unknown (DMs)', () => {
    const granted = new PermissionsBitField([PermissionFlagsBits.SendMessages]);
    expect(missingPermissions(granted, ['SendMessages', 'EmbedLinks', 'SendMessagesInThreads'])).toEqual([
      'Embed Links',
      'Send Messages in Threads',
    ]);
    expect(missingPermissions(null, ['EmbedLinks'])).toEqual([]);
    expect(
      missingPermissions(new PermissionsBitField([PermissionFlagsBits.Administrator]), ['EmbedLinks']),
    ).toEqual([]);
  });
});

describe('token scrubbing', () => {
  it('removes interaction and webhook tokens from paths, messages and stacks', () => {
    expect(scrubTokens('POST /api/v10/interactions/123/aW50ZXJhY3Rpb24.tok-en_x/callback')).toBe(
      'POST /api/v10/interactions/123/[token]/callback',
    );
    expect(scrubTokens('/webhooks/9/secret.token/messages/@original')).toBe(
      '/webhooks/9/[token]/messages/@original',
    );
  });

  it('logs a DiscordAPIError by code, status and scrubbed path, never its URL or request body', () => {
    const error = new DiscordAPIError(
      { code: 10062, message: 'Unknown interaction' },
      10062,
      404,
      'POST',
      'https://discord.com/api/v10/interactions/1/very.secret.token/callback',
      { body: { content: 'hello' } },
    );
    const fields = safeErrorFields(error);
    expect(fields).toMatchObject({
      code: 10062,
      status: 404,
      path: '/api/v10/interactions/1/[token]/callback',
    });
    expect(JSON.stringify(fields)).not.toContain('very.secret.token');
  });
});
