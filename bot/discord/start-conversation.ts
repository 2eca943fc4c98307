import {
  ChannelType,
  MessageFlags,
  ThreadAutoArchiveDuration,
  type ChatInputCommandInteraction,
  type Message,
  type RepliableInteraction,
} from 'discord.js';
import type { Reply } from '../../agents/types.js';
import { rateLimitedText } from '../rate-limit.js';
import {
  discordErrorCode,
  DiscordErrorCode,
  missingPermissions,
  moveConversation,
  safeErrorFields,
  type DiscordContext,
} from './context.js';
import { conversationIdOf } from './custom-ids.js';
import { missingPermissionNotice, renderComponents, renderReply, textPayload, truncate } from './render.js';

const THREAD_NAME_CHARS = 100;
const THREAD_PROMPT =
  'Reply here to keep going — "more", "calmer", "only Spanish", "more like the 2nd", "why the 3rd?" — or use the buttons above.';

/** Thread names: one line, at most 100 characters, never empty. */
export function threadName(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return truncate(`🎧 ${line || 'moodtune'}`, THREAD_NAME_CHARS);
}

/** Takes one turn from the person's per-user budget, answering ephemerally when over it. */
export async function withinRateLimit(
  ctx: DiscordContext,
  interaction: RepliableInteraction,
): Promise<boolean> {
  const verdict = ctx.limiter.take(interaction.user.id);
  if (verdict.allowed) return true;
  await interaction.reply({
    ...textPayload(rateLimitedText(verdict.retryAfterMs)),
    flags: MessageFlags.Ephemeral,
  });
  return false;
}

/**
 * `/mood` and `/similar`: defer at once (Discord's 3-second deadline), run the turn, edit the deferred reply,
 * then continue in a thread opened from that reply — or in the current thread or DM. Without the permissions
 * to open a thread or show embeds, answers in plain text and says which permission is missing.
 */
export async function startConversation(
  ctx: DiscordContext,
  interaction: ChatInputCommandInteraction,
  text: string,
): Promise<void> {
  if (!(await withinRateLimit(ctx, interaction))) return;
  await interaction.deferReply();

  const guildId = interaction.guildId;
  const channel = interaction.channel;
  const perms = interaction.inGuild() ? interaction.appPermissions : null;
  const notices: string[] = [];
  let conversationId = conversationIdOf(guildId, interaction.channelId);
  let openThread = false;
  if (
    guildId &&
    channel &&
    (channel.type === ChannelType.GuildText || channel.type === ChannelType.GuildAnnouncement)
  ) {
    const missing = missingPermissions(perms, ['CreatePublicThreads', 'SendMessagesInThreads']);
    if (missing.length === 0) {
      openThread = true;
      // Provisional: the thread (named after the answer message) does not exist yet.
      conversationId = conversationIdOf(guildId, interaction.id);
    } else {
      notices.push(
        missingPermissionNotice("I couldn't open a thread for us, so mention me here to keep going", missing),
      );
    }
  }

  const reply = await ctx.app.turns.handle({
    conversationId,
    userId: interaction.user.id,
    platform: 'discord',
    text,
  });
  const missingEmbeds = missingPermissions(perms, ['EmbedLinks']);
  if (missingEmbeds.length > 0 && reply.tracks.length > 0)
    notices.push(missingPermissionNotice('Showing songs as plain text', missingEmbeds));
  const render = (conversation: string, extra: string[] = []) =>
    renderReply(reply, {
      conversationId: conversation,
      embeds: missingEmbeds.length === 0,
      ...([...notices, ...extra].length > 0 ? { notice: [...notices, ...extra].join('\n') } : {}),
    });

  const message = await interaction.editReply(render(conversationId));
  if (!openThread || !guildId) return;
  await continueInThread(ctx, interaction, { message, reply, provisionalId: conversationId, text, render });
}

async function continueInThread(
  ctx: DiscordContext,
  interaction: ChatInputCommandInteraction,
  args: {
    message: Message;
    reply: Reply;
    provisionalId: string;
    text: string;
    render: (conversation: string, extra?: string[]) => ReturnType<typeof renderReply>;
  },
): Promise<void> {
  const { message, reply, provisionalId } = args;
  try {
    const thread = await message.startThread({
      name: threadName(args.text),
      autoArchiveDuration: ThreadAutoArchiveDuration.OneDay,
    });
    const threadConversation = conversationIdOf(interaction.guildId, thread.id);
    moveConversation(ctx.app, provisionalId, threadConversation);
    // The buttons were drawn for the provisional id; point them at the thread's conversation.
    await interaction.editReply({ components: renderComponents(reply, threadConversation) });
    await thread.send(textPayload(THREAD_PROMPT));
  } catch (error) {
    const channelConversation = conversationIdOf(interaction.guildId, interaction.channelId);
    moveConversation(ctx.app, provisionalId, channelConversation);
    const code = discordErrorCode(error);
    ctx.logger.warn(
      { error: safeErrorFields(error), code },
      'could not open a thread; staying in the channel',
    );
    const notice =
      code === DiscordErrorCode.MissingPermissions || code === DiscordErrorCode.MissingAccess
        ? missingPermissionNotice("I couldn't open a thread for us, so mention me here to keep going", [
            'Create Public Threads',
          ])
        : "_(I couldn't open a thread just now, so mention me here to keep going.)_";
    await interaction.editReply(args.render(channelConversation, [notice]));
  }
}
