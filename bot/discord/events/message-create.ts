import type { Message } from 'discord.js';
import type { Reply } from '../../../agents/types.js';
import { rateLimitedText } from '../../rate-limit.js';
import {
  discordErrorCode,
  DiscordErrorCode,
  guard,
  keepTyping,
  missingPermissions,
  safeErrorFields,
  type DiscordContext,
} from '../context.js';
import { conversationIdOf } from '../custom-ids.js';
import { missingPermissionNotice, renderReply, textPayload, type DiscordPayload } from '../render.js';

/** The message text without mentions of the bot (`<@id>` and the legacy `<@!id>`). */
export function stripBotMention(content: string, botId: string): string {
  return content
    .replace(new RegExp(`<@!?${botId}>`, 'g'), ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * DMs, mentions in a channel, and any message in a thread the bot opened start or continue that DM's,
 * channel's or thread's conversation. Other bots (and the bot itself) are ignored.
 */
export async function onMessageCreate(ctx: DiscordContext, message: Message): Promise<void> {
  const me = ctx.client.user;
  if (!me || message.author.bot || message.author.id === me.id || message.system || message.webhookId) return;
  const channel = message.channel;
  const inDm = !message.inGuild();
  const inThread = channel.isThread();
  const mentioned = message.mentions.users.has(me.id);
  const ownThread = inThread && channel.ownerId === me.id;
  if (!inDm && !mentioned && !ownThread) return;

  const conversationId = conversationIdOf(message.guildId, message.channelId);
  const perms = message.inGuild() ? message.channel.permissionsFor(me) : null;
  const cannotSend = missingPermissions(perms, [
    'ViewChannel',
    inThread ? 'SendMessagesInThreads' : 'SendMessages',
  ]);
  if (cannotSend.length > 0) {
    // Nowhere to answer; the server admin sees the missing permission in docs/discord.md.
    ctx.logger.warn({ channel: message.channelId, missing: cannotSend }, 'cannot send messages here');
    return;
  }
  // Replying to (quoting) a message needs Read Message History; without it, a plain send still works.
  const quote = !inDm && !inThread && missingPermissions(perms, ['ReadMessageHistory']).length === 0;
  const send = async (payload: DiscordPayload) => {
    if (quote) await message.reply(payload);
    else if (channel.isSendable()) await channel.send(payload);
  };

  await guard(
    ctx,
    'messageCreate',
    async () => {
      const verdict = ctx.limiter.take(message.author.id);
      if (!verdict.allowed) {
        await send(textPayload(rateLimitedText(verdict.retryAfterMs)));
        return;
      }
      const typing = inDm || inThread ? keepTyping(channel, ctx.logger) : undefined;
      let reply: Reply;
      try {
        reply = await ctx.app.turns.handle({
          conversationId,
          userId: message.author.id,
          platform: 'discord',
          text: stripBotMention(message.content, me.id),
        });
      } finally {
        typing?.stop();
      }
      const missingEmbeds =
        reply.tracks.length > 0 ? missingPermissions(perms, ['EmbedLinks']) : ([] as string[]);
      const plain = (missing: string[]) =>
        renderReply(reply, {
          conversationId,
          embeds: false,
          notice: missingPermissionNotice('Showing songs as plain text', missing),
        });
      try {
        await send(
          missingEmbeds.length > 0
            ? plain(missingEmbeds)
            : renderReply(reply, { conversationId, embeds: true }),
        );
      } catch (error) {
        const code = discordErrorCode(error);
        if (code === DiscordErrorCode.CannotSendToUser) {
          // The person closed their DMs (or blocked the bot) after writing: there is no one to tell.
          ctx.logger.info({ channel: message.channelId }, 'cannot DM this user; reply dropped');
          return;
        }
        if (
          code === DiscordErrorCode.MissingPermissions &&
          reply.tracks.length > 0 &&
          missingEmbeds.length === 0
        ) {
          // The cached permissions were stale or incomplete: Embed Links is the one a songs reply adds.
          ctx.logger.warn({ error: safeErrorFields(error) }, 'embed refused; sending plain text');
          await send(plain(['Embed Links']));
          return;
        }
        throw error;
      }
    },
    (text) => send(textPayload(text)),
  );
}
