import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One Web API call as the fake received it (form fields, with `blocks` parsed back from JSON). */
export interface SlackApiCall {
  method: string;
  args: Record<string, unknown>;
  /** The bearer token the client sent. */
  token: string | undefined;
  /** What the fake answered: 'ok', an error code, or 'ratelimited' (HTTP 429). */
  outcome: string;
}

type Injection =
  { kind: 'error'; error: string; extra: Record<string, unknown> } | { kind: '429'; retryAfterSec: number };

const BOT = { user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', team: 'Test Team', user: 'moodtune' };

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseArgs(body: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.includes('application/json'))
    return body ? (JSON.parse(body) as Record<string, unknown>) : {};
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    if ((key === 'blocks' || key === 'attachments') && value.startsWith('[')) args[key] = JSON.parse(value);
    else args[key] = value;
  }
  return args;
}

/**
 * A loopback Slack Web API (`http://127.0.0.1:<port>/api/<method>`) for Bolt's `clientOptions.slackApiUrl`.
 * Answers auth.test, chat.postMessage, chat.postEphemeral, chat.update and apps.connections.open; records every
 * call; can answer the next call(s) to a method with a Slack error (`not_in_channel`, `missing_scope`…) or with
 * HTTP 429 and a Retry-After header.
 */
export class FakeSlackWebApi {
  readonly calls: SlackApiCall[] = [];
  /** Socket Mode: the WebSocket URL apps.connections.open hands out. */
  socketUrl: string | undefined;
  private readonly injections = new Map<string, Injection[]>();
  private seq = 0;

  private constructor(private readonly server: Server) {}

  static async start(): Promise<FakeSlackWebApi> {
    const server = createServer();
    const fake = new FakeSlackWebApi(server);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      fake.handle(req, res).catch(() => {
        res.writeHead(500);
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  /** Ends with `/api/`, as the WebClient requires. */
  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/`;
  }

  /** Answers the next `times` calls to `method` with `{ ok: false, error, ...extra }`. */
  failNext(method: string, error: string, extra: Record<string, unknown> = {}, times = 1): void {
    this.queue(method, times, { kind: 'error', error, extra });
  }

  /** Answers the next `times` calls to `method` with HTTP 429 and `Retry-After: retryAfterSec`. */
  rateLimitNext(method: string, retryAfterSec: number, times = 1): void {
    this.queue(method, times, { kind: '429', retryAfterSec });
  }

  private queue(method: string, times: number, injection: Injection): void {
    const list = this.injections.get(method) ?? [];
    for (let i = 0; i < times; i++) list.push(injection);
    this.injections.set(method, list);
  }

  /** Calls to `method` with the given outcome ('ok' by default, 'any' for all). */
  callsTo(method: string, outcome = 'ok'): SlackApiCall[] {
    return this.calls.filter((c) => c.method === method && (outcome === 'any' || c.outcome === outcome));
  }

  /** Messages users can see: successful posts and updates (ephemeral ones excluded). */
  visibleMessages(): SlackApiCall[] {
    return this.calls.filter(
      (c) => (c.method === 'chat.postMessage' || c.method === 'chat.update') && c.outcome === 'ok',
    );
  }

  /** Resolves once `predicate` holds over the recorded calls (polls; rejects after `timeoutMs`). */
  async waitFor(predicate: (calls: SlackApiCall[]) => boolean, timeoutMs = 10_000): Promise<SlackApiCall[]> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.calls)) {
      if (Date.now() > deadline) {
        throw new Error(
          `FakeSlackWebApi: condition not met in ${timeoutMs} ms; calls: ${this.calls.map((c) => `${c.method}:${c.outcome}`).join(', ')}`,
        );
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    return this.calls;
  }

  reset(): void {
    this.calls.length = 0;
    this.injections.clear();
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private nextTs(): string {
    this.seq++;
    return `1700000000.${String(this.seq).padStart(6, '0')}`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0] ?? '';
    const auth = req.headers.authorization;
    const call: SlackApiCall = {
      method,
      args: parseArgs(body, req.headers['content-type']),
      token: auth?.startsWith('Bearer ') ? auth.slice(7) : undefined,
      outcome: 'ok',
    };
    this.calls.push(call);
    const injection = this.injections.get(method)?.shift();
    if (injection?.kind === '429') {
      call.outcome = 'ratelimited';
      res.writeHead(429, {
        'content-type': 'application/json',
        'retry-after': String(injection.retryAfterSec),
      });
      res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      return;
    }
    const json = (status: number, payload: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(payload));
    };
    if (injection?.kind === 'error') {
      call.outcome = injection.error;
      json(200, { ok: false, error: injection.error, ...injection.extra });
      return;
    }
    const channel = typeof call.args.channel === 'string' ? call.args.channel : undefined;
    switch (method) {
      case 'auth.test':
        return json(200, { ok: true, url: 'https://test.slack.example/', ...BOT });
      case 'chat.postMessage': {
        const ts = this.nextTs();
        return json(200, { ok: true, channel, ts, message: { type: 'message', text: call.args.text, ts } });
      }
      case 'chat.postEphemeral':
        return json(200, { ok: true, message_ts: this.nextTs() });
      case 'chat.update':
        return json(200, { ok: true, channel, ts: call.args.ts, text: call.args.text });
      case 'apps.connections.open':
        return json(200, { ok: true, url: this.socketUrl });
      default:
        call.outcome = 'unknown_method';
        return json(200, { ok: false, error: 'unknown_method' });
    }
  }
}
