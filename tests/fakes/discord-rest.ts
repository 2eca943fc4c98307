/**
 * The REST half of the loopback Discord: serves `GET /api/v10/gateway/bot`, answers the calls the bot makes
 * (interaction callbacks, `@original` edits, channel messages, threads, typing, command registration), records
 * every call, and can answer with scripted failures (429 with `retry-after` and `x-ratelimit-*`, 403, 5xx).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ChannelType } from 'discord.js';
import { snowflake, type FakeUser } from './discord-payloads.js';

/** The JSON fields of request and response bodies the tests read (everything else stays `unknown`). */
export interface RestBody {
  [key: string]: unknown;
  id?: string;
  type?: number;
  name?: string;
  content?: string;
  flags?: number;
  auto_archive_duration?: number;
  embeds?: { title?: string; description?: string }[];
  components?: {
    type: number;
    components: { type: number; custom_id?: string; options?: { label: string; value: string }[] }[];
  }[];
  allowed_mentions?: unknown;
  message_reference?: { message_id?: string };
  data?: RestBody;
}

export interface RestCall {
  method: string;
  /** Path after `/api/v10`, e.g. `/channels/123/messages`. */
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
  body: RestBody;
  status: number;
  /** What the fake answered (a message, a thread…). */
  response: RestBody;
}

export interface Injection {
  method: string;
  path: RegExp;
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** How many matching calls it answers (default 1). */
  times?: number;
}

/** A 429 exactly as Discord sends it: body, `retry-after` (seconds) and the bucket headers. */
export function rateLimited(method: string, path: RegExp, retryAfterSeconds: number): Injection {
  const seconds = String(retryAfterSeconds);
  return {
    method,
    path,
    status: 429,
    body: { message: 'You are being rate limited.', retry_after: retryAfterSeconds, global: false },
    headers: {
      'retry-after': seconds,
      'x-ratelimit-limit': '5',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset-after': seconds,
      'x-ratelimit-bucket': 'fake-bucket',
      'x-ratelimit-scope': 'user',
    },
  };
}

/** A Discord JSON error (e.g. 50013 Missing Permissions, 50007 Cannot send messages to this user). */
export function discordError(
  method: string,
  path: RegExp,
  status: number,
  code: number,
  message: string,
): Injection {
  return { method, path, status, body: { code, message } };
}

interface ChannelInfo {
  id: string;
  type: ChannelType;
  guildId?: string;
  parentId?: string;
  name?: string;
  ownerId?: string;
}

export class FakeDiscordRest {
  readonly calls: RestCall[] = [];
  private readonly injections: Injection[] = [];
  private readonly channels = new Map<string, ChannelInfo>();
  /** Interaction token → where its responses go, and the `@original` message id once there is one. */
  private readonly interactions = new Map<
    string,
    { channelId: string; guildId?: string; messageId?: string }
  >();

  constructor(private readonly options: { bot: FakeUser; appId: string; gatewayUrl: () => string }) {}

  inject(injection: Injection): void {
    this.injections.push({ times: 1, ...injection });
  }

  knowChannel(channel: ChannelInfo): void {
    this.channels.set(channel.id, channel);
  }

  knowInteraction(token: string, where: { channelId: string; guildId?: string }): void {
    this.interactions.set(token, where);
  }

  private message(channelId: string, body: RestBody, extra: Record<string, unknown> = {}) {
    const guildId = this.channels.get(channelId)?.guildId;
    return {
      id: snowflake(),
      channel_id: channelId,
      ...(guildId ? { guild_id: guildId } : {}),
      author: this.options.bot,
      content: body.content ?? '',
      embeds: body.embeds ?? [],
      components: body.components ?? [],
      attachments: [],
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      type: body.message_reference ? 19 : 0,
      flags: body.flags ?? 0,
      ...extra,
    };
  }

  private route(method: string, path: string, body: RestBody): { status: number; body?: unknown } {
    let m: RegExpExecArray | null;
    if (method === 'GET' && path === '/gateway/bot') {
      return {
        status: 200,
        body: {
          url: this.options.gatewayUrl(),
          shards: 1,
          session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
        },
      };
    }
    if (method === 'POST' && (m = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path))) {
      return { status: 204 };
    }
    if ((m = /^\/webhooks\/(\d+)\/([^/]+)\/messages\/(@original|\d+)$/.exec(path))) {
      const where = this.interactions.get(m[2]!);
      if (!where) return { status: 404, body: { code: 10015, message: 'Unknown Webhook' } };
      if (method === 'DELETE') return { status: 204 };
      where.messageId ??= snowflake();
      const message = this.message(where.channelId, body, {
        id: where.messageId,
        webhook_id: this.options.appId,
        application_id: this.options.appId,
        type: 20,
      });
      return { status: 200, body: message };
    }
    if (method === 'POST' && (m = /^\/webhooks\/(\d+)\/([^/]+)$/.exec(path))) {
      const where = this.interactions.get(m[2]!);
      if (!where) return { status: 404, body: { code: 10015, message: 'Unknown Webhook' } };
      return { status: 200, body: this.message(where.channelId, body, { webhook_id: this.options.appId }) };
    }
    if (method === 'POST' && (m = /^\/channels\/(\d+)\/typing$/.exec(path))) return { status: 204 };
    if (method === 'POST' && (m = /^\/channels\/(\d+)\/messages$/.exec(path))) {
      return { status: 200, body: this.message(m[1]!, body) };
    }
    if (method === 'POST' && (m = /^\/channels\/(\d+)\/messages\/(\d+)\/threads$/.exec(path))) {
      const parent = this.channels.get(m[1]!);
      if (!parent?.guildId)
        return { status: 400, body: { code: 50024, message: 'Cannot execute action on this channel type' } };
      const thread: ChannelInfo = {
        id: m[2]!, // a thread started from a message takes the message's id
        type: ChannelType.PublicThread,
        guildId: parent.guildId,
        parentId: parent.id,
        name: body.name ?? '',
        ownerId: this.options.bot.id,
      };
      this.channels.set(thread.id, thread);
      return { status: 201, body: this.channelPayload(thread, body.auto_archive_duration) };
    }
    if (method === 'GET' && (m = /^\/channels\/(\d+)$/.exec(path))) {
      const channel = this.channels.get(m[1]!);
      return channel
        ? { status: 200, body: this.channelPayload(channel) }
        : { status: 404, body: { code: 10003, message: 'Unknown Channel' } };
    }
    if (method === 'PUT' && /^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path)) {
      const list = Array.isArray(body.list) ? (body.list as Record<string, unknown>[]) : [];
      return {
        status: 200,
        body: list.map((c) => ({
          ...c,
          id: snowflake(),
          application_id: this.options.appId,
          version: snowflake(),
        })),
      };
    }
    return { status: 404, body: { code: 0, message: '404: Not Found' } };
  }

  private channelPayload(channel: ChannelInfo, autoArchive = 1440) {
    return {
      id: channel.id,
      type: channel.type,
      ...(channel.guildId ? { guild_id: channel.guildId } : {}),
      ...(channel.name !== undefined ? { name: channel.name } : {}),
      ...(channel.parentId ? { parent_id: channel.parentId } : {}),
      ...(channel.type === ChannelType.PublicThread
        ? {
            owner_id: channel.ownerId,
            rate_limit_per_user: 0,
            message_count: 0,
            member_count: 1,
            total_message_sent: 0,
            flags: 0,
            thread_metadata: {
              archived: false,
              auto_archive_duration: autoArchive,
              archive_timestamp: new Date().toISOString(),
              locked: false,
            },
          }
        : {}),
    };
  }

  /** The HTTP handler for `/api/v10/*`. */
  handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const method = req.method ?? 'GET';
      const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, '');
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: RestBody = {};
      try {
        const parsed: unknown = raw ? JSON.parse(raw) : {};
        // Command registration sends an array; keep it reachable for the route that expects one.
        body = Array.isArray(parsed) ? { list: parsed } : (parsed as RestBody);
      } catch {
        body = { raw };
      }
      const injection = this.injections.find(
        (i) => i.method === method && i.path.test(path) && (i.times ?? 1) > 0,
      );
      let status: number;
      let payload: unknown;
      const headers: Record<string, string> = {};
      if (injection) {
        injection.times = (injection.times ?? 1) - 1;
        status = injection.status;
        payload = injection.body;
        Object.assign(headers, injection.headers ?? {});
      } else {
        ({ status, body: payload } = this.route(method, path, body));
      }
      this.calls.push({
        method,
        path,
        query: url.searchParams,
        authorization: req.headers.authorization,
        body,
        status,
        response: (payload ?? {}) as RestBody,
      });
      if (payload === undefined) {
        res.writeHead(status, headers).end();
        return;
      }
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(payload));
    });
  }
}
