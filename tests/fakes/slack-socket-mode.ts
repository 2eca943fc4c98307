import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * A loopback Socket Mode endpoint: the URL `apps.connections.open` hands out. Greets each connection with
 * `hello` (as Slack does), delivers envelopes, and records the client's acknowledgements by envelope id.
 */
export class FakeSocketMode {
  readonly acks: { envelope_id: string; payload?: unknown }[] = [];
  private socket: WebSocket | undefined;
  private seq = 0;

  private constructor(private readonly server: WebSocketServer) {
    server.on('connection', (socket) => {
      this.socket = socket;
      socket.on('message', (data: Buffer) => {
        this.acks.push(JSON.parse(data.toString('utf8')) as { envelope_id: string });
      });
      socket.send(
        JSON.stringify({
          type: 'hello',
          num_connections: 1,
          debug_info: { host: 'loopback', approximate_connection_time: 3600 },
          connection_info: { app_id: 'A1' },
        }),
      );
    });
  }

  static async start(): Promise<FakeSocketMode> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    return new FakeSocketMode(server);
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}/link`;
  }

  get connected(): boolean {
    return this.socket?.readyState === 1;
  }

  /** Sends an envelope (`events_api`, `slash_commands`, `interactive`); resolves with its id. */
  send(type: string, payload: unknown, extra: Record<string, unknown> = {}): string {
    if (!this.socket) throw new Error('FakeSocketMode: no client connected');
    const envelopeId = `env-${++this.seq}`;
    this.socket.send(
      JSON.stringify({
        envelope_id: envelopeId,
        type,
        payload,
        accepts_response_payload: type !== 'events_api',
        ...extra,
      }),
    );
    return envelopeId;
  }

  async waitForAck(
    envelopeId: string,
    timeoutMs = 5000,
  ): Promise<{ envelope_id: string; payload?: unknown }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const ack = this.acks.find((a) => a.envelope_id === envelopeId);
      if (ack) return ack;
      if (Date.now() > deadline) throw new Error(`FakeSocketMode: no ack for ${envelopeId}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async waitForConnection(timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.connected) {
      if (Date.now() > deadline) throw new Error('FakeSocketMode: the client never connected');
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async close(): Promise<void> {
    for (const client of this.server.clients) client.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
