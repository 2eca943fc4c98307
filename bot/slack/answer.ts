import type { Context } from '@slack/bolt';
import type { TurnInput } from '../../agents/types.js';
import { rateLimitedText } from '../rate-limit.js';
import type { SlackDeps } from './deps.js';
import { deliver, setReplyTarget, type ReplyTarget, type SlackIO } from './deliver.js';
import { renderNotice, renderReply, type RenderOptions } from './render.js';

/**
 * Takes one turn from the person's budget; when they are over it, tells them privately and returns false.
 * Checked before any visible work (a placeholder, a thread post).
 */
export async function allowTurn(
  deps: SlackDeps,
  io: SlackIO,
  key: { team: string; user: string },
  privately: ReplyTarget,
): Promise<boolean> {
  const verdict = deps.limiter.take(`${key.team}:${key.user}`);
  if (verdict.allowed) return true;
  await deliver(io, privately, renderNotice(rateLimitedText(verdict.retryAfterMs)));
  return false;
}

/** Runs the turn through the one turn handler and delivers the rendered reply. Errors go to the boundary. */
export async function answerTurn(
  deps: SlackDeps,
  io: SlackIO,
  job: {
    turn: TurnInput;
    target: ReplyTarget;
    context: Context;
    render?: Omit<RenderOptions, 'conversationId'>;
  },
): Promise<void> {
  setReplyTarget(job.context, job.target);
  const reply = await deps.turns.handle(job.turn);
  await deliver(
    io,
    job.target,
    renderReply(reply, { ...job.render, conversationId: job.turn.conversationId }),
  );
}
