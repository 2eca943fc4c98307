import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { parseCommand } from '../../command-parser.js';
import { conversationIdOf } from '../../conversation.js';
import type { SlackDeps } from '../../deps.js';
import { setReplyTarget, type ReplyTarget } from '../../deliver.js';
import { allowTurn, answerTurn } from '../../answer.js';
import {
  EMPTY_COMMAND_TEXT,
  HELP_TEXT,
  LASTFM_NOT_CONFIGURED,
  linkUsageText,
  placeholderText,
  PRIVATE_EMPTY_TEXT,
  STATUS_TEXT,
  THREAD_FOOTER,
  unknownSubcommandText,
} from '../../texts.js';

type Args = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/**
 * `/moodtune …`. Subcommands answer in the acknowledgement itself (ephemeral, instant). A feeling is
 * acknowledged at once — Slack shows an error after 3 s — and answered afterwards: in the channel, replacing a
 * "Finding songs…" placeholder whose thread carries the conversation, or privately through the response_url.
 */
export function moodtuneCommand(deps: SlackDeps) {
  return async ({ command, ack, client, context }: Args): Promise<void> => {
    const parsed = parseCommand(command.text ?? '');
    const ephemeral = (text: string) => ack({ response_type: 'ephemeral', text });
    switch (parsed.type) {
      case 'help':
        return ephemeral(parsed.empty ? EMPTY_COMMAND_TEXT : HELP_TEXT);
      case 'unknown':
        return ephemeral(unknownSubcommandText(parsed.word));
      case 'status':
        return ephemeral(STATUS_TEXT);
      case 'unlink':
        return ephemeral(LASTFM_NOT_CONFIGURED);
      case 'link':
        return ephemeral(
          parsed.service === 'lastfm' && parsed.user ? LASTFM_NOT_CONFIGURED : linkUsageText(parsed.service),
        );
      case 'private':
        if (parsed.text === '') return ephemeral(PRIVATE_EMPTY_TEXT);
        break;
      case 'feeling':
        break;
    }
    await ack();
    const io = { client, fetch: deps.fetch };
    const team = command.team_id;
    const privately: ReplyTarget = { kind: 'respond', responseUrl: command.response_url };
    setReplyTarget(context, privately);
    if (!(await allowTurn(deps, io, { team, user: command.user_id }, privately))) return;

    if (parsed.type === 'private') {
      const conversationId = conversationIdOf({
        kind: 'private',
        team,
        channel: command.channel_id,
        user: command.user_id,
      });
      await answerTurn(deps, io, {
        // Ephemeral answers can't be replied to in a thread: answer now rather than ask a question.
        turn: {
          conversationId,
          userId: command.user_id,
          platform: 'slack',
          text: parsed.text,
          oneShot: true,
        },
        target: privately,
        context,
      });
      return;
    }
    // Not in the channel → not_in_channel here; the boundary answers privately with how to invite the app.
    const placeholder = await client.chat.postMessage({
      channel: command.channel_id,
      text: placeholderText(command.user_id),
    });
    const ts = placeholder.ts;
    const channel = placeholder.channel ?? command.channel_id;
    if (!ts) throw new Error('chat.postMessage returned no ts');
    const conversationId = conversationIdOf({ kind: 'thread', team, channel, threadTs: ts });
    await answerTurn(deps, io, {
      turn: { conversationId, userId: command.user_id, platform: 'slack', text: parsed.text },
      target: { kind: 'update', channel, ts },
      context,
      render: { forUser: command.user_id, footer: THREAD_FOOTER },
    });
  };
}
