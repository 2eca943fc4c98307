import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMAND_NAME } from '../../../../bot/slack/listeners/commands/index.js';

interface Manifest {
  features: { slash_commands: { command: string; url: string }[] };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url: string };
  };
}

const manifest = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, '../../../../slack/manifest.json'), 'utf8'),
) as Manifest;

describe('slack/manifest.json', () => {
  it('declares the command the listener registers', () => {
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual([COMMAND_NAME]);
  });

  it('subscribes to the events the listeners answer, with the scopes they need', () => {
    expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual(
      ['app_mention', 'message.channels', 'message.groups', 'message.im'].sort(),
    );
    expect(manifest.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining([
        'app_mentions:read',
        'chat:write',
        'commands',
        'im:history',
        'channels:history',
      ]),
    );
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });

  it('sends commands, events and button presses to the one Bolt endpoint (/slack/events)', () => {
    const urls = [
      ...manifest.features.slash_commands.map((c) => c.url),
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
    ];
    for (const url of urls) expect(new URL(url).pathname).toBe('/slack/events');
  });
});
