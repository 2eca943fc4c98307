import { InteractionContextType, MessageFlags, SlashCommandBuilder } from 'discord.js';
import { textPayload } from '../render.js';
import type { SlashCommand } from './command.js';

export const LASTFM_NOT_CONFIGURED_TEXT =
  'Last.fm linking is not configured yet — it is coming soon. Until then I pick songs from how you feel, and nothing about your account is stored.';

/** `/lastfm link|unlink|status`: placeholders until Last.fm linking lands. */
export const lastfmCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('lastfm')
    .setDescription('Link your Last.fm account for personal picks')
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .addSubcommand((sub) => sub.setName('link').setDescription('Link your Last.fm account'))
    .addSubcommand((sub) => sub.setName('unlink').setDescription('Unlink your Last.fm account'))
    .addSubcommand((sub) =>
      sub.setName('status').setDescription('Show whether your Last.fm account is linked'),
    )
    .toJSON(),
  async execute(interaction) {
    await interaction.reply({ ...textPayload(LASTFM_NOT_CONFIGURED_TEXT), flags: MessageFlags.Ephemeral });
  },
};
