import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { allowTurn, answerTurn } from '../../answer.js';
import { conversationIdOf } from '../../conversation.js';
import type { SlackDeps } from '../../deps.js';
import { plainTextOf } from '../../incoming-text.js';

type Args = SlackEventMiddlewareArgs<'app_mention'> & AllMiddlewareArgs;

/** "@moodtune …" in a channel starts a conversation in that message's thread, or continues the thread's one. */
export function appMention(deps: SlackDeps) {
  return async ({ event, body, client, context }: Args): Promise<void> => {
    // Other bots (no loops) and edited or otherwise special messages are not someone talking to us.
    if (event.bot_id || event.subtype || !event.user) return;
    if (!deps.seen.firstTime(`msg:${event.channel}:${event.ts}`)) return;
    const team = body.team_id || context.teamId || 'T0';
    const user = event.user;
    const threadTs = event.thread_ts ?? event.ts;
    const io = { client, fetch: deps.fetch };
    const privately = { kind: 'ephemeral', channel: event.channel, user, threadTs } as const;
    if (!(await allowTurn(deps, io, { team, user }, privately))) return;
    await answerTurn(deps, io, {
      turn: {
        conversationId: conversationIdOf({ kind: 'thread', team, channel: event.channel, threadTs }),
        userId: user,
        platform: 'slack',
        text: plainTextOf(event.text, context.botUserId),
      },
      target: { kind: 'post', channel: event.channel, threadTs },
      context,
    });
  };
}
