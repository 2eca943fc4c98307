import type { Client } from 'discord.js';
import type { DiscordContext } from '../context.js';

/** Logs who we are and where; slash commands are registered separately (`npm run discord:deploy`). */
export function onClientReady(ctx: DiscordContext, client: Client<true>): void {
  ctx.logger.info({ user: client.user.tag, guilds: client.guilds.cache.size }, 'discord ready');
}
