import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { allowTurn, answerTurn } from '../../answer.js';
import { conversationIdOf } from '../../conversation.js';
import type { SlackDeps } from '../../deps.js';
import type { ReplyTarget } from '../../deliver.js';
import { mentionsUser, plainTextOf } from '../../incoming-text.js';

type Args = SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs;

/**
 * Plain messages: every DM to the app, and replies in a channel thread whose conversation is live (one we
 * answered in). Everything else in a channel is none of our business and is dropped here, cheaply.
 */
export function message(deps: SlackDeps) {
  return async ({ event, body, client, context }: Args): Promise<void> => {
    // Subtypes are edits, deletions, joins, bot posts, thread broadcasts…: not someone talking to us.
    if (event.subtype !== undefined || event.bot_id || !event.user) return;
    const team = body.team_id || context.teamId || 'T0';
    const { channel, user, ts } = event;
    const text = event.text ?? '';
    let conversationId: string;
    let threadTs: string | undefined;
    if (event.channel_type === 'im') {
      // A thread started by a slash command in this DM keeps its own conversation; otherwise one per DM.
      const threadId = event.thread_ts
        ? conversationIdOf({ kind: 'thread', team, channel, threadTs: event.thread_ts })
        : undefined;
      conversationId =
        threadId && deps.turns.hasConversation(threadId)
          ? threadId
          : conversationIdOf({ kind: 'dm', team, channel });
      threadTs = event.thread_ts;
    } else {
      if (!event.thread_ts || event.thread_ts === ts) return;
      // A mention in the thread arrives as app_mention too; that listener answers it.
      if (mentionsUser(text, context.botUserId)) return;
      conversationId = conversationIdOf({ kind: 'thread', team, channel, threadTs: event.thread_ts });
      if (!deps.turns.hasConversation(conversationId)) return;
      threadTs = event.thread_ts;
    }
    if (!deps.seen.firstTime(`msg:${channel}:${ts}`)) return;
    const io = { client, fetch: deps.fetch };
    const privately: ReplyTarget =
      event.channel_type === 'im'
        ? { kind: 'post', channel, threadTs }
        : { kind: 'ephemeral', channel, user, threadTs };
    if (!(await allowTurn(deps, io, { team, user }, privately))) return;
    await answerTurn(deps, io, {
      turn: { conversationId, userId: user, platform: 'slack', text: plainTextOf(text, context.botUserId) },
      target: { kind: 'post', channel, threadTs },
      context,
    });
  };
}
