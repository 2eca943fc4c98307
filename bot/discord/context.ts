import {
  DiscordAPIError,
  PermissionFlagsBits,
  type Client,
  type PermissionsBitField,
  type TextBasedChannel,
} from 'discord.js';
import type { Logger } from 'pino';
import { errorReference, UserFacingError } from '../../core/errors.js';
import type { App } from '../app.js';
import type { SlidingWindowLimiter } from '../rate-limit.js';

/** Everything a Discord handler needs, passed in (no module-level state). */
export interface DiscordContext {
  app: App;
  client: Client;
  logger: Logger;
  /** Turns per user (messages, commands, buttons). */
  limiter: SlidingWindowLimiter;
}

/** Discord JSON error codes we answer differently (https://discord.com/developers/docs/topics/opcodes-and-status-codes). */
export const DiscordErrorCode = {
  MissingAccess: 50001,
  CannotSendToUser: 50007,
  MissingPermissions: 50013,
} as const;

export function discordErrorCode(error: unknown): number | undefined {
  return error instanceof DiscordAPIError && typeof error.code === 'number' ? error.code : undefined;
}

// Interaction and webhook tokens sit in REST paths; they let anyone post as the bot for 15 minutes.
const TOKEN_IN_PATH = /\/(interactions\/\d+|webhooks\/\d+)\/[A-Za-z0-9._-]+/g;

/** Removes interaction/webhook tokens from a URL, message or stack. */
export function scrubTokens(text: string): string {
  return text.replace(TOKEN_IN_PATH, '/$1/[token]');
}

/**
 * An error as log fields without secrets: discord.js errors carry the request URL (with the interaction token)
 * and the request body, so they are never logged whole.
 */
export function safeErrorFields(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { error: scrubTokens(String(error)) };
  const fields: Record<string, unknown> = {
    name: error.name,
    message: scrubTokens(error.message),
    stack: error.stack ? scrubTokens(error.stack) : undefined,
  };
  if (error instanceof DiscordAPIError) {
    fields.code = error.code;
    fields.status = error.status;
    fields.method = error.method;
    fields.path = scrubTokens(new URL(error.url).pathname);
  }
  return fields;
}

/** The names of the permissions in `needed` that `granted` lacks (none when unknown). */
export function missingPermissions(
  granted: Readonly<PermissionsBitField> | null | undefined,
  needed: readonly (keyof typeof PermissionFlagsBits)[],
): string[] {
  if (!granted) return [];
  return needed
    .filter((name) => !granted.has(PermissionFlagsBits[name], true))
    .map((name) => name.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/ In /, ' in '));
}

const GENERIC_ERROR = 'Sorry — something went wrong on my side. Please try again in a moment. (ref {ref})';

/**
 * The adapter's one error boundary: runs `work`; on failure logs the error with a short reference and tells the
 * person kindly, quoting the reference so a report can be matched to the log line. Never throws.
 */
export async function guard(
  ctx: DiscordContext,
  where: string,
  work: () => Promise<void>,
  tell: (text: string) => Promise<unknown>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    const ref = errorReference();
    ctx.logger.error({ ref, where, error: safeErrorFields(error) }, 'discord handler failed');
    const text =
      error instanceof UserFacingError
        ? `${error.message} (ref ${ref})`
        : GENERIC_ERROR.replace('{ref}', ref);
    try {
      await tell(text);
    } catch (tellError) {
      ctx.logger.warn({ ref, error: safeErrorFields(tellError) }, 'could not tell the user about an error');
    }
  }
}

/** Shows "moodtune is typing…" now and every 8 s (Discord shows it for 10 s) until stopped. */
export function keepTyping(channel: TextBasedChannel, logger: Logger): { stop: () => void } {
  if (!('sendTyping' in channel)) return { stop: () => undefined };
  const send = () => {
    channel.sendTyping().catch((error: unknown) => {
      logger.debug({ error: safeErrorFields(error) }, 'typing indicator failed');
    });
  };
  send();
  const timer = setInterval(send, 8000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

/**
 * The id of a song a button refers to, by its short key: searched in the conversation's latest songs, then in
 * every song shown in it. Undefined when the button is older than what the conversation remembers.
 */
export function resolveTrackKey(
  app: App,
  conversationId: string,
  key: string,
  keyOf: (id: string) => string,
): string | undefined {
  if (!app.turns.hasConversation(conversationId)) return undefined;
  const state = app.store.get(conversationId);
  return (
    state.lastCards.find((c) => keyOf(c.id) === key)?.id ??
    [...state.shownIds].reverse().find((id) => keyOf(id) === key)
  );
}

/**
 * Moves a conversation to a new id. `/mood` answers before its thread exists (the thread takes the id of the
 * answer message), so the turn runs under a provisional id that is then moved to the thread's.
 */
export function moveConversation(app: App, from: string, to: string): void {
  if (from === to || !app.store.has(from)) return;
  const state = app.store.get(from);
  state.id = to;
  app.store.save(state);
  app.store.delete(from);
}
