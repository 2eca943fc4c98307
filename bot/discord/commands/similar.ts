import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { startConversation } from '../start-conversation.js';
import { truncate } from '../render.js';
import type { SlashCommand } from './command.js';

const MAX_SONG_CHARS = 200;
const AUTOCOMPLETE_CHOICES = 25;

/**
 * `/similar <song>`: songs like one from the catalog. It is an ordinary turn ("something like <song>"): the
 * agent finds the song by fuzzy title/artist (asking "did you mean" when unsure) and picks the similarity
 * source — the `similar_tracks` tool (ALS neighbours) when it is registered, emotion/theme similarity otherwise.
 * Going through the turn handler keeps the songs in the conversation, so its buttons and replies work.
 */
export const similarCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('similar')
    .setDescription('Find songs similar to one you like')
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .addStringOption((option) =>
      option
        .setName('song')
        .setDescription('Title and artist, e.g. "Skinny Love by Bon Iver"')
        .setRequired(true)
        .setMaxLength(MAX_SONG_CHARS)
        .setAutocomplete(true),
    )
    .toJSON(),
  async execute(interaction, ctx) {
    const song = interaction.options.getString('song', true).replace(/\s+/g, ' ').trim();
    await startConversation(ctx, interaction, `something like ${song}`);
  },
  async autocomplete(interaction, ctx) {
    const typed = interaction.options.getFocused().trim();
    if (typed.length < 2) {
      await interaction.respond([]);
      return;
    }
    const matches = ctx.app.core.catalog.search(typed.slice(0, MAX_SONG_CHARS), AUTOCOMPLETE_CHOICES);
    await interaction.respond(
      matches.map(({ track }) => {
        const label = truncate(`${track.title} by ${track.artists[0] ?? 'unknown artist'}`, 100);
        return { name: label, value: label };
      }),
    );
  },
};
