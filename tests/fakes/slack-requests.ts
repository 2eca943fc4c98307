import { createHmac } from 'node:crypto';

/** Slack's v0 request signature: `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<raw body>` with the signing secret. */
export function slackSignature(secret: string, timestampSec: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestampSec}:${body}`).digest('hex')}`;
}

export interface SignedPostOptions {
  secret: string;
  /** Default: now. */
  timestampSec?: number;
  /** Overrides the computed signature (to send a wrong one). */
  signature?: string;
  headers?: Record<string, string>;
}

/** POSTs `body` to a Bolt HTTP endpoint the way Slack does; returns the status, body text and elapsed time. */
export async function postSigned(
  url: string,
  body: string,
  contentType: 'application/json' | 'application/x-www-form-urlencoded',
  options: SignedPostOptions,
): Promise<{ status: number; text: string; ms: number }> {
  const timestampSec = options.timestampSec ?? Math.floor(Date.now() / 1000);
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestampSec),
      'x-slack-signature': options.signature ?? slackSignature(options.secret, timestampSec, body),
      ...options.headers,
    },
    body,
  });
  const text = await response.text();
  return { status: response.status, text, ms: performance.now() - started };
}

export function slashCommandBody(fields: {
  text: string;
  responseUrl: string;
  user?: string;
  channel?: string;
  team?: string;
}): string {
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: fields.team ?? 'T1',
    team_domain: 'test',
    channel_id: fields.channel ?? 'C1',
    channel_name: 'general',
    user_id: fields.user ?? 'U1',
    user_name: 'ana',
    command: '/moodtune',
    text: fields.text,
    api_app_id: 'A1',
    is_enterprise_install: 'false',
    response_url: fields.responseUrl,
    trigger_id: '1.2.3',
  }).toString();
}

export function eventBody(eventId: string, event: Record<string, unknown>, team = 'T1'): string {
  return JSON.stringify({
    token: 'legacy-verification-token',
    team_id: team,
    api_app_id: 'A1',
    event,
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: team, user_id: 'UBOT', is_bot: true, is_enterprise_install: false }],
  });
}

/** A block_actions payload for one clicked element (as Slack sends it: form field `payload` holding JSON). */
export function blockActionBody(fields: {
  action: Record<string, unknown>;
  responseUrl: string;
  user?: string;
  channel?: string;
  messageTs?: string;
  threadTs?: string;
  ephemeral?: boolean;
  team?: string;
}): string {
  const channel = fields.channel ?? 'C1';
  const payload = {
    type: 'block_actions',
    team: { id: fields.team ?? 'T1', domain: 'test' },
    user: { id: fields.user ?? 'U1', username: 'ana', team_id: fields.team ?? 'T1' },
    api_app_id: 'A1',
    token: 'legacy-verification-token',
    container: {
      type: 'message',
      message_ts: fields.messageTs ?? '1700000000.000001',
      channel_id: channel,
      is_ephemeral: fields.ephemeral ?? false,
      ...(fields.threadTs ? { thread_ts: fields.threadTs } : {}),
    },
    trigger_id: '1.2.3',
    channel: { id: channel, name: 'general' },
    response_url: fields.responseUrl,
    actions: [{ action_ts: '1700000001.000001', ...fields.action }],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
