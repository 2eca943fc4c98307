import type { App as BoltApp, BlockAction } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { ACTION_ID_PREFIX } from '../../render.js';
import { turnAction } from './turn-action.js';

export function register(app: BoltApp, deps: SlackDeps): void {
  app.action<BlockAction>(
    { type: 'block_actions', action_id: new RegExp(`^${ACTION_ID_PREFIX}`) },
    turnAction(deps),
  );
}
