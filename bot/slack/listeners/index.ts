import type { App as BoltApp } from '@slack/bolt';
import type { SlackDeps } from '../deps.js';
import { register as registerActions } from './actions/index.js';
import { register as registerCommands } from './commands/index.js';
import { register as registerEvents } from './events/index.js';

/** Every Slack listener, explicitly listed (no folder auto-loading). */
export function registerListeners(app: BoltApp, deps: SlackDeps): void {
  registerCommands(app, deps);
  registerEvents(app, deps);
  registerActions(app, deps);
}
