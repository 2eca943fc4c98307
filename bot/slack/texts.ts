import { escapeAndClip } from './render.js';

/** What the Slack adapter says on its own (everything else comes from the agent's reply). Slack mrkdwn. */

export const HELP_TEXT = [
  '*moodtune* answers how you feel with songs that fit — ranked, with a Spotify link and why each one fits.',
  '• `/moodtune <how you feel>` — I answer here, and we keep talking in the thread',
  '• `/moodtune private <how you feel>` — an answer only you can see',
  '• Mention me in a channel, or send me a DM, to talk there',
  '• `/moodtune link lastfm <username>` · `/moodtune unlink` · `/moodtune status`',
  'For example: `/moodtune rough day, I want something that slowly picks me up`',
].join('\n');

export const EMPTY_COMMAND_TEXT = `Tell me how you feel after the command — a few words are enough.\n\n${HELP_TEXT}`;

export const PRIVATE_EMPTY_TEXT =
  'Tell me how you feel after `private` — for example `/moodtune private missing home tonight`.';

export function unknownSubcommandText(word: string): string {
  return `I don't know the subcommand \`${escapeAndClip(word.replace(/`/g, "'"), 40)}\`. Here is what I understand:\n\n${HELP_TEXT}`;
}

export const LASTFM_NOT_CONFIGURED =
  'Last.fm linking is not configured yet on this moodtune, so I can’t link or unlink accounts right now. I still find songs from what you tell me.';

export function linkUsageText(service: string | undefined): string {
  if (service === undefined)
    return 'To link your Last.fm account: `/moodtune link lastfm <your Last.fm username>`.';
  return `I can only link Last.fm accounts (not \`${escapeAndClip(service.replace(/`/g, "'"), 30)}\`): \`/moodtune link lastfm <your Last.fm username>\`.`;
}

export const STATUS_TEXT = `moodtune is up and listening. ${LASTFM_NOT_CONFIGURED}`;

export function placeholderText(userId: string): string {
  return `:headphones: Finding songs for <@${userId}>…`;
}

export const THREAD_FOOTER = 'Reply in this thread to keep going — "more", "calmer", "only Spanish"…';

export const NOT_IN_CHANNEL_TEXT =
  'I can’t post here because I’m not a member of this conversation. Invite me with `/invite @moodtune` (in a channel), send me a DM, or use `/moodtune private <how you feel>` for an answer only you can see.';

export function missingScopeText(needed: string | undefined, ref: string): string {
  const scope = needed ? ` (\`${escapeAndClip(needed, 80)}\`)` : '';
  return `I’m missing a Slack permission I need${scope}. A workspace admin can fix this by reinstalling moodtune from its app settings page. (ref \`${ref}\`)`;
}

export const EXPIRED_TEXT =
  'That conversation has expired — I only remember conversations for a few hours. Tell me how you feel again with `/moodtune <how you feel>` or by mentioning me.';

export function errorText(ref: string): string {
  return `Sorry — something went wrong on my side. Please try again in a moment. (ref \`${ref}\`)`;
}
