import { Events, RESTEvents, type Client } from 'discord.js';
import { safeErrorFields, type DiscordContext } from '../context.js';
import { onClientReady } from './client-ready.js';
import { onInteractionCreate } from './interaction-create.js';
import { onMessageCreate } from './message-create.js';

/** Wires every event the bot handles. Handlers never reject (each runs inside the adapter's error boundary). */
export function registerEvents(client: Client, ctx: DiscordContext): void {
  client.once(Events.ClientReady, (ready) => onClientReady(ctx, ready));
  client.on(Events.MessageCreate, (message) => void onMessageCreate(ctx, message));
  client.on(Events.InteractionCreate, (interaction) => void onInteractionCreate(ctx, interaction));
  // An 'error' event without a listener would crash the process.
  client.on(Events.Error, (error) =>
    ctx.logger.error({ error: safeErrorFields(error) }, 'discord client error'),
  );
  client.on(Events.ShardDisconnect, (event, shard) =>
    ctx.logger.warn({ shard, code: event.code }, 'discord gateway disconnected'),
  );
  client.on(Events.ShardResume, (shard, replayed) =>
    ctx.logger.info({ shard, replayed }, 'discord gateway resumed'),
  );
  client.rest.on(RESTEvents.RateLimited, (info) =>
    ctx.logger.info(
      { route: info.route, retryAfterMs: info.retryAfter, global: info.global, scope: info.scope },
      'discord rate limited; discord.js waits and retries',
    ),
  );
}
