import type { SlashCommand } from './command.js';
import { lastfmCommand } from './lastfm.js';
import { moodCommand } from './mood.js';
import { moodtuneCommand } from './moodtune.js';
import { similarCommand } from './similar.js';

export type { SlashCommand } from './command.js';

/** Every slash command, explicitly listed: registered by `npm run discord:deploy`, dispatched by name. */
export const COMMANDS: readonly SlashCommand[] = [
  moodCommand,
  similarCommand,
  moodtuneCommand,
  lastfmCommand,
];

export function findCommand(name: string): SlashCommand | undefined {
  return COMMANDS.find((command) => command.data.name === name);
}
