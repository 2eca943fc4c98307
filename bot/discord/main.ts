import { once } from 'node:events';
import {
  Client,
  Events,
  GatewayIntentBits,
  Partials,
  PermissionFlagsBits,
  PermissionsBitField,
} from 'discord.js';
import type { Logger } from 'pino';
import { AppError, ConfigError } from '../../core/errors.js';
import type { App } from '../app.js';
import type { RunningChannel } from '../channels.js';
import { SlidingWindowLimiter } from '../rate-limit.js';
import { safeErrorFields, scrubTokens, type DiscordContext } from './context.js';
import { registerEvents } from './events/index.js';

/**
 * Minimal intents. Guilds: channels, threads and the bot's permissions. GuildMessages + DirectMessages:
 * mentions, DMs and thread replies. MessageContent (privileged): the text of thread replies that do not mention
 * the bot — without it Discord sends those messages with empty content. DMs and mentions carry their text anyway.
 */
export const INTENTS = [
  GatewayIntentBits.Guilds,
  GatewayIntentBits.GuildMessages,
  GatewayIntentBits.DirectMessages,
  GatewayIntentBits.MessageContent,
] as const;

/** What the invite link asks for (docs/discord.md explains each). */
export const INVITE_PERMISSIONS = new PermissionsBitField([
  PermissionFlagsBits.ViewChannel,
  PermissionFlagsBits.SendMessages,
  PermissionFlagsBits.SendMessagesInThreads,
  PermissionFlagsBits.CreatePublicThreads,
  PermissionFlagsBits.EmbedLinks,
  PermissionFlagsBits.ReadMessageHistory,
]);

export function inviteUrl(appId: string): string {
  const params = new URLSearchParams({
    client_id: appId,
    scope: 'bot applications.commands',
    permissions: INVITE_PERMISSIONS.bitfield.toString(),
  });
  return `https://discord.com/oauth2/authorize?${params.toString()}`;
}

export interface DiscordOptions {
  /** Turns per person per minute (default 6). */
  turnsPerMinute?: number;
  /** Defaults to the app's logger. */
  logger?: Logger;
}

/** Builds the discord.js client; `apiUrl` (DISCORD_API_URL) points REST — and through it the gateway — elsewhere. */
export function createDiscordClient(apiUrl: string | undefined): Client {
  return new Client({
    intents: [...INTENTS],
    // DM channels are not cached before their first message arrives.
    partials: [Partials.Channel],
    // Never ping @everyone, roles or users from text we echo back (song titles, the person's own words).
    allowedMentions: { parse: [], repliedUser: false },
    // The gateway URL comes from GET {api}/v10/gateway/bot, so this one option moves both REST and gateway.
    rest: apiUrl ? { api: apiUrl } : {},
  });
}

function explainLoginError(error: unknown): Error {
  const code = (error as { code?: unknown }).code;
  if (code === 'TokenInvalid')
    return new ConfigError([
      'DISCORD_TOKEN was rejected by Discord: copy it again from Developer Portal → Bot',
    ]);
  if (code === 'DisallowedIntents')
    return new ConfigError([
      'Discord refused the Message Content intent: enable it in Developer Portal → Bot → Privileged Gateway Intents',
    ]);
  const reason = error instanceof Error ? `: ${scrubTokens(error.message)}` : '';
  return new AppError(`Could not connect to Discord${reason}`, { cause: error });
}

/** Starts the Discord bot and resolves once it is connected and ready. */
export async function startDiscord(app: App, options: DiscordOptions = {}): Promise<RunningChannel> {
  const { token, appId, apiUrl } = app.core.config.discord;
  if (!token || !appId)
    throw new ConfigError(['DISCORD_TOKEN and DISCORD_APP_ID are both needed for Discord']);
  const logger = (options.logger ?? app.logger).child({ component: 'bot.discord' });
  const client = createDiscordClient(apiUrl);
  const ctx: DiscordContext = {
    app,
    client,
    logger,
    limiter: new SlidingWindowLimiter({ limit: options.turnsPerMinute ?? 6, windowMs: 60_000 }),
  };
  registerEvents(client, ctx);
  const abort = new AbortController();
  const ready = once(client, Events.ClientReady, { signal: abort.signal });
  try {
    await client.login(token);
    await ready;
  } catch (error) {
    abort.abort();
    logger.error({ error: safeErrorFields(error) }, 'discord login failed');
    await client.destroy();
    throw explainLoginError(error);
  }
  return {
    name: 'discord',
    stop: async () => {
      await client.destroy();
    },
  };
}
