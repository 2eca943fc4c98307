/**
 * The gateway half of the loopback Discord (JSON encoding, no compression): HELLO (op 10) on connect,
 * HEARTBEAT_ACK (op 11) for every heartbeat, IDENTIFY (op 2) → READY (+ GUILD_CREATE per guild),
 * RESUME (op 6) → RESUMED, dispatches (op 0) with increasing sequence numbers, and closing with any code.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { snowflake, type FakeUser } from './discord-payloads.js';

export interface GatewayRecord {
  connections: { path: string; query: URLSearchParams }[];
  identifies: { token: string; intents: number }[];
  resumes: { token: string; session_id: string; seq: number; path: string }[];
  heartbeats: number;
}

export class FakeDiscordGateway {
  readonly record: GatewayRecord = { connections: [], identifies: [], resumes: [], heartbeats: 0 };
  readonly sessionId = `session-${snowflake()}`;
  private readonly wss = new WebSocketServer({ noServer: true });
  private socket: WebSocket | undefined;
  private seq = 0;

  constructor(
    private readonly options: {
      bot: FakeUser;
      appId: string;
      heartbeatMs: number;
      /** The resume URL announced in READY. */
      resumeUrl: () => string;
      /** GUILD_CREATE payloads sent after READY. */
      guilds: () => Record<string, unknown>[];
    },
  ) {}

  get connected(): boolean {
    return this.socket?.readyState === 1;
  }

  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws, req));
  }

  private send(ws: WebSocket, payload: unknown): void {
    ws.send(JSON.stringify(payload));
  }

  private onConnection(ws: WebSocket, req: IncomingMessage): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    this.record.connections.push({ path: url.pathname, query: url.searchParams });
    this.socket = ws;
    this.send(ws, { op: 10, d: { heartbeat_interval: this.options.heartbeatMs }, s: null, t: null });
    ws.on('message', (data: Buffer) => {
      let payload: { op: number; d: Record<string, unknown> | null };
      try {
        payload = JSON.parse(data.toString('utf8')) as typeof payload;
      } catch {
        ws.close(4002, 'Error while decoding payload.');
        return;
      }
      switch (payload.op) {
        case 1:
          this.record.heartbeats++;
          this.send(ws, { op: 11, d: null, s: null, t: null });
          break;
        case 2: {
          this.record.identifies.push({
            token: String(payload.d?.token),
            intents: Number(payload.d?.intents),
          });
          const guilds = this.options.guilds();
          this.dispatch('READY', {
            v: 10,
            user: this.options.bot,
            guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
            session_id: this.sessionId,
            resume_gateway_url: this.options.resumeUrl(),
            shard: [0, 1],
            application: { id: this.options.appId, flags: 0 },
          });
          for (const g of guilds) this.dispatch('GUILD_CREATE', g);
          break;
        }
        case 6:
          this.record.resumes.push({
            token: String(payload.d?.token),
            session_id: String(payload.d?.session_id),
            seq: Number(payload.d?.seq),
            path: url.pathname,
          });
          this.dispatch('RESUMED', {});
          break;
        default:
          break;
      }
    });
  }

  /** Sends a dispatch (op 0) on the live connection. */
  dispatch(t: string, d: unknown): void {
    if (!this.socket || this.socket.readyState !== 1)
      throw new Error(`gateway not connected (dispatching ${t})`);
    this.send(this.socket, { op: 0, t, s: ++this.seq, d });
  }

  /** Closes the live connection as Discord would (e.g. 4000 Unknown error → the client resumes). */
  close(code: number, reason = 'Unknown error'): void {
    this.socket?.close(code, reason);
  }

  async stop(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}
