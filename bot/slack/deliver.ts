import type { Context, webApi } from '@slack/bolt';
import { UpstreamError } from '../../core/errors.js';
import type { SlackMessage } from './render.js';

/** Where an answer goes. */
export type ReplyTarget =
  /** A new message in a channel or DM, in a thread when `threadTs` is set. */
  | { kind: 'post'; channel: string; threadTs: string | undefined }
  /** Replaces a message we posted (the "Finding songs…" placeholder of a slash command). */
  | { kind: 'update'; channel: string; ts: string }
  /** Ephemeral, through a command's or button's `response_url` (5 uses in 30 minutes per url). */
  | { kind: 'respond'; responseUrl: string }
  /** Ephemeral to one person in a channel, through chat.postEphemeral. */
  | { kind: 'ephemeral'; channel: string; user: string; threadTs: string | undefined };

export interface SlackIO {
  client: webApi.WebClient;
  /** Used for response_url posts (Bolt's own respond() uses the global fetch too). */
  fetch: typeof fetch;
}

/**
 * Listeners record their current target on the Bolt context, so the one error boundary can answer in the same
 * place (for instance by replacing the placeholder rather than leaving "Finding songs…" behind).
 */
const TARGET_KEY = 'moodtuneReplyTarget';

export function setReplyTarget(context: Context, target: ReplyTarget): void {
  context[TARGET_KEY] = target;
}

export function replyTargetOf(context: Context | undefined): ReplyTarget | undefined {
  return context?.[TARGET_KEY] as ReplyTarget | undefined;
}

/** Sends `message` to `target`. Slack API failures surface as the WebClient's errors; response_url ones as UpstreamError. */
export async function deliver(io: SlackIO, target: ReplyTarget, message: SlackMessage): Promise<void> {
  const { text, blocks } = message;
  switch (target.kind) {
    case 'post':
      await io.client.chat.postMessage({
        channel: target.channel,
        ...(target.threadTs ? { thread_ts: target.threadTs } : {}),
        text,
        blocks,
        // Five Spotify previews would bury the answer.
        unfurl_links: false,
        unfurl_media: false,
      });
      return;
    case 'update':
      await io.client.chat.update({ channel: target.channel, ts: target.ts, text, blocks });
      return;
    case 'ephemeral':
      await io.client.chat.postEphemeral({
        channel: target.channel,
        user: target.user,
        ...(target.threadTs ? { thread_ts: target.threadTs } : {}),
        text,
        blocks,
      });
      return;
    case 'respond': {
      const response = await io.fetch(target.responseUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, text, blocks }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) {
        throw new UpstreamError('slack', 'response_url post failed', {
          status: response.status,
          body: await response.text().catch(() => ''),
        });
      }
      return;
    }
  }
}
