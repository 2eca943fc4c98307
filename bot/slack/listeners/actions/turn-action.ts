import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { allowTurn, answerTurn } from '../../answer.js';
import { parseConversationId } from '../../conversation.js';
import type { SlackDeps } from '../../deps.js';
import { deliver, setReplyTarget, type ReplyTarget } from '../../deliver.js';
import { conversationOfBlockId, decodeAction, renderNotice } from '../../render.js';
import { EXPIRED_TEXT } from '../../texts.js';

type Args = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

function valueOf(action: BlockAction['actions'][number]): string | undefined {
  if (action.type === 'button') return action.value;
  if (action.type === 'overflow') return action.selected_option?.value;
  return undefined;
}

/**
 * Buttons ("More like these", "Lift me up", "Calmer", 👍/👎) and the per-song "More like this" menu. The block id
 * names the conversation; the answer goes where the conversation lives (its thread, the DM, or privately).
 * Feedback is acknowledged privately so a thread does not fill with "noted".
 */
export function turnAction(deps: SlackDeps) {
  return async ({ ack, body, action, client, context }: Args): Promise<void> => {
    await ack();
    const turnAction = decodeAction(valueOf(action));
    // "Open in Spotify" (a link option) and anything we do not know: the click itself was the whole action.
    if (!turnAction) return;
    const io = { client, fetch: deps.fetch };
    const user = body.user.id;
    const privately: ReplyTarget = { kind: 'respond', responseUrl: body.response_url };
    setReplyTarget(context, privately);
    const conversationId = conversationOfBlockId(action.block_id);
    const conversation = conversationId ? parseConversationId(conversationId) : undefined;
    if (!conversationId || !conversation || !deps.turns.hasConversation(conversationId)) {
      await deliver(io, privately, renderNotice(EXPIRED_TEXT));
      return;
    }
    if (!(await allowTurn(deps, io, { team: conversation.team, user }, privately))) return;
    let target: ReplyTarget;
    if (conversation.kind === 'private' || turnAction.type === 'feedback') target = privately;
    else if (conversation.kind === 'thread')
      target = { kind: 'post', channel: conversation.channel, threadTs: conversation.threadTs };
    else
      target = {
        kind: 'post',
        channel: conversation.channel,
        threadTs: (body.container as { thread_ts?: string } | undefined)?.thread_ts,
      };
    await answerTurn(deps, io, {
      turn: { conversationId, userId: user, platform: 'slack', text: '', action: turnAction },
      target,
      context,
      render: target.kind === 'post' ? { forUser: user } : {},
    });
  };
}
