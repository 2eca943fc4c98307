import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { MAX_MESSAGE_CHARS } from '../../../agents/turn-handler.js';
import { startConversation } from '../start-conversation.js';
import type { SlashCommand } from './command.js';

/** `/mood <how you feel>`: five ranked songs, buttons, and a thread to keep talking in. */
export const moodCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('mood')
    .setDescription('Tell me how you feel and get songs that fit')
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .addStringOption((option) =>
      option
        .setName('feeling')
        .setDescription('How you feel, in your own words ("wired but tired", "missing home")')
        .setRequired(true)
        .setMaxLength(MAX_MESSAGE_CHARS),
    )
    .toJSON(),
  async execute(interaction, ctx) {
    await startConversation(ctx, interaction, interaction.options.getString('feeling', true));
  },
};
