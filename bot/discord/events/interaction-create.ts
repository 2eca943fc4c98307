import {
  MessageFlags,
  type ButtonInteraction,
  type Interaction,
  type RepliableInteraction,
  type StringSelectMenuInteraction,
} from 'discord.js';
import { findCommand } from '../commands/index.js';
import {
  guard,
  missingPermissions,
  resolveTrackKey,
  safeErrorFields,
  type DiscordContext,
} from '../context.js';
import { actionOf, parseCustomId, trackKey } from '../custom-ids.js';
import { missingPermissionNotice, renderReply, textPayload } from '../render.js';
import { withinRateLimit } from '../start-conversation.js';

export const UNKNOWN_BUTTON_TEXT =
  "I don't recognise that button — it may be from an older version of me. Tell me how you feel (or use `/mood`) and I'll pick up from there.";
export const EXPIRED_TEXT =
  "That conversation has ended — I forget conversations after a few hours of quiet. Tell me how you feel (or use `/mood`) and we'll start fresh.";
export const STALE_SONG_TEXT =
  'That list is older than what I remember, so I can\'t tell which song you picked. Use the menu on my latest answer, or say "something like <song>".';

async function tellEphemeral(interaction: RepliableInteraction, text: string): Promise<void> {
  if (interaction.deferred || interaction.replied) await interaction.editReply(textPayload(text));
  else await interaction.reply({ ...textPayload(text), flags: MessageFlags.Ephemeral });
}

/** Slash commands, autocomplete, buttons and the "More like…" menu. */
export async function onInteractionCreate(ctx: DiscordContext, interaction: Interaction): Promise<void> {
  if (interaction.isAutocomplete()) {
    const command = findCommand(interaction.commandName);
    try {
      await command?.autocomplete?.(interaction, ctx);
    } catch (error) {
      // Suggestions are optional: the person can still type the song.
      ctx.logger.debug({ error: safeErrorFields(error) }, 'autocomplete failed');
    }
    return;
  }
  if (!interaction.isRepliable()) return;
  if (interaction.isChatInputCommand()) {
    const command = findCommand(interaction.commandName);
    await guard(
      ctx,
      `/${interaction.commandName}`,
      async () => {
        if (command) await command.execute(interaction, ctx);
        else await tellEphemeral(interaction, "I don't know that command any more — try `/moodtune help`.");
      },
      (text) => tellEphemeral(interaction, text),
    );
    return;
  }
  if (interaction.isButton() || interaction.isStringSelectMenu()) {
    await guard(
      ctx,
      interaction.isButton() ? 'button' : 'select',
      () => onComponent(ctx, interaction),
      (text) => tellEphemeral(interaction, text),
    );
  }
}

/**
 * A button or menu choice is a turn with an action. Unknown or malformed ids, expired conversations and songs
 * the conversation no longer remembers get a kind ephemeral answer instead.
 */
async function onComponent(
  ctx: DiscordContext,
  interaction: ButtonInteraction | StringSelectMenuInteraction,
): Promise<void> {
  const parsed = parseCustomId(interaction.customId);
  if (!parsed) {
    await tellEphemeral(interaction, UNKNOWN_BUTTON_TEXT);
    return;
  }
  const { conversationId } = parsed;
  if (!ctx.app.turns.hasConversation(conversationId)) {
    await tellEphemeral(interaction, EXPIRED_TEXT);
    return;
  }
  let trackId: string | undefined;
  if (parsed.verb === 'like' || parsed.verb === 'pick') {
    const key =
      parsed.verb === 'pick' && interaction.isStringSelectMenu() ? interaction.values[0] : parsed.trackKey;
    trackId = key ? resolveTrackKey(ctx.app, conversationId, key, trackKey) : undefined;
  }
  const action = actionOf(parsed.verb, trackId);
  if (!action) {
    await tellEphemeral(interaction, STALE_SONG_TEXT);
    return;
  }
  if (!(await withinRateLimit(ctx, interaction))) return;

  // The /mood answer sits in the channel while its conversation lives in the thread opened from it:
  // a button pressed there answers in the thread (and tells the presser where).
  const conversationChannel = conversationId.split(':')[2]!;
  const elsewhere = conversationChannel !== interaction.channelId;
  await interaction.deferReply(elsewhere ? { flags: MessageFlags.Ephemeral } : {});
  const reply = await ctx.app.turns.handle({
    conversationId,
    userId: interaction.user.id,
    platform: 'discord',
    text: '',
    action,
  });
  const perms = interaction.inGuild() ? interaction.appPermissions : null;
  const missingEmbeds = reply.tracks.length > 0 ? missingPermissions(perms, ['EmbedLinks']) : [];
  const payload = renderReply(reply, {
    conversationId,
    embeds: missingEmbeds.length === 0,
    ...(missingEmbeds.length > 0
      ? { notice: missingPermissionNotice('Showing songs as plain text', missingEmbeds) }
      : {}),
  });
  if (elsewhere) {
    const target = await ctx.client.channels.fetch(conversationChannel).catch(() => null);
    if (target?.isSendable()) {
      try {
        await target.send(payload);
        await interaction.editReply(textPayload(`Answered in <#${conversationChannel}> ↪`));
        return;
      } catch (error) {
        ctx.logger.warn({ error: safeErrorFields(error) }, 'could not answer in the thread; answering here');
      }
    }
  }
  await interaction.editReply(payload);
}
