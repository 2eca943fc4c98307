import type { App as BoltApp } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { moodtuneCommand } from './moodtune.js';

/** The command name must match the manifest (`slack/manifest.json`). */
export const COMMAND_NAME = '/moodtune';

export function register(app: BoltApp, deps: SlackDeps): void {
  app.command(COMMAND_NAME, moodtuneCommand(deps));
}
