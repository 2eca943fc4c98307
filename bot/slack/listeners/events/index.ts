import type { App as BoltApp } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { appMention } from './app-mention.js';
import { message } from './message.js';

export function register(app: BoltApp, deps: SlackDeps): void {
  app.event('app_mention', appMention(deps));
  app.event('message', message(deps));
}
