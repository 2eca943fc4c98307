import type { Context } from '@slack/bolt';
import type { Logger } from 'pino';
import { errorReference } from '../../core/errors.js';
import { deliver, replyTargetOf, type ReplyTarget, type SlackIO } from './deliver.js';
import { renderNotice } from './render.js';
import { errorText, missingScopeText, NOT_IN_CHANNEL_TEXT } from './texts.js';

/** The Slack API's machine-readable error ("not_in_channel", "missing_scope", …) and the scope it needed. */
export function slackErrorOf(error: unknown): { code: string; needed?: string } | undefined {
  let current: unknown = error;
  // Bolt wraps listener errors (CodedError.original) and we may wrap with { cause }: look a few levels down.
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const data = (current as { data?: { error?: unknown; needed?: unknown } }).data;
    if (data && typeof data.error === 'string')
      return { code: data.error, ...(typeof data.needed === 'string' ? { needed: data.needed } : {}) };
    current =
      (current as { original?: unknown }).original ?? (current as { cause?: unknown }).cause ?? undefined;
  }
  return undefined;
}

const CHANNEL_ACCESS = new Set(['not_in_channel', 'channel_not_found', 'is_archived']);

export interface BoundaryArgs {
  error: Error;
  body: unknown;
  context: Context;
}

/**
 * The Slack adapter's one error boundary (Bolt's extended error handler). Logs the failure with a short
 * reference id and answers the person kindly with it: where the listener was answering, or — when the app
 * cannot post in the channel — ephemerally through the response_url with how to invite it.
 * It never throws: a failure to deliver the apology is logged, not re-raised.
 */
export function createErrorBoundary(io: SlackIO, logger: Logger) {
  return async ({ error, body, context }: BoundaryArgs): Promise<void> => {
    const ref = errorReference();
    const slack = slackErrorOf(error);
    const fields = {
      ref,
      slackError: slack?.code,
      type: (body as { type?: string } | undefined)?.type ?? 'command',
      team: context.teamId,
    };
    const responseUrl = (body as { response_url?: unknown } | undefined)?.response_url;
    const viaResponseUrl: ReplyTarget | undefined =
      typeof responseUrl === 'string' ? { kind: 'respond', responseUrl } : undefined;
    let text: string;
    let target: ReplyTarget | undefined;
    if (slack && CHANNEL_ACCESS.has(slack.code)) {
      logger.warn(fields, 'slack: cannot post in this conversation');
      text = NOT_IN_CHANNEL_TEXT;
      target = viaResponseUrl;
    } else if (slack?.code === 'missing_scope') {
      logger.error({ ...fields, needed: slack.needed }, 'slack: the app is missing a scope');
      text = missingScopeText(slack.needed, ref);
      target = viaResponseUrl ?? replyTargetOf(context);
    } else {
      logger.error({ ...fields, err: error }, 'slack listener failed');
      text = errorText(ref);
      target = replyTargetOf(context) ?? viaResponseUrl;
    }
    // Where the listener was answering may be what failed (a deleted placeholder): then try the response_url.
    const targets = [target, viaResponseUrl].filter(
      (t, i, all): t is ReplyTarget => t !== undefined && all.indexOf(t) === i,
    );
    for (const t of targets) {
      try {
        await deliver(io, t, renderNotice(text));
        return;
      } catch (deliveryError) {
        logger.warn(
          { ref, err: deliveryError, target: t.kind },
          'slack: could not tell the person about the failure',
        );
      }
    }
  };
}
