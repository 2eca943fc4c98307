import { InteractionContextType, MessageFlags, SlashCommandBuilder } from 'discord.js';
import { textPayload } from '../render.js';
import type { SlashCommand } from './command.js';

/** Everything on one screen (well under Discord's 2,000 characters; a unit test checks). */
export const DISCORD_HELP_TEXT = [
  "**moodtune** — tell me how you feel and I'll answer with songs that fit: ranked, with a Spotify link and why each one fits.",
  '',
  '**Start**',
  '• `/mood <how you feel>` — five songs, then we keep talking in a thread',
  '• `/similar <song>` — songs like one you love ("Skinny Love by Bon Iver")',
  '• Mention me in a channel, or DM me, in your own words',
  '',
  '**Shape the list** (reply in the thread or DM, or use the buttons)',
  '• "more", "less sad", "more energy", "calmer", "lift me up", "surprise me"',
  '• "only Spanish", "any language", "only rock", "from the 90s", "no Coldplay"',
  '• "more like the second one", "why the third?", 👍 / 👎, "start over"',
  '• The **More like…** menu under each list picks one song as the seed',
  '',
  '**Also**',
  '• `/lastfm link|unlink|status` — personal picks from your Last.fm history (coming soon)',
  '• Up to 6 requests a minute per person; conversations are forgotten after a few hours of quiet',
].join('\n');

/** `/moodtune help`. */
export const moodtuneCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('moodtune')
    .setDescription('About moodtune')
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .addSubcommand((sub) => sub.setName('help').setDescription('How to use moodtune, on one screen'))
    .toJSON(),
  async execute(interaction) {
    await interaction.reply({ ...textPayload(DISCORD_HELP_TEXT), flags: MessageFlags.Ephemeral });
  },
};
