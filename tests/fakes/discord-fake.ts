/**
 * A loopback Discord: one HTTP server on 127.0.0.1 serving the REST API under `/api/v10` and the gateway
 * (WebSocket upgrade on `/gateway`, resume URL `/gateway-resume`). Point discord.js at it with
 * `rest: { api: fake.apiUrl }` (here through DISCORD_API_URL); the gateway URL comes from `GET /gateway/bot`.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ChannelType } from 'discord.js';
import { FakeDiscordGateway } from './discord-gateway.js';
import {
  autocomplete,
  chatInput,
  component,
  guildCreate,
  message,
  snowflake,
  user,
  type FakeGuild,
  type FakeUser,
  type MessageOptions,
  type StringOption,
  type SubcommandOption,
} from './discord-payloads.js';
import { FakeDiscordRest, type RestCall } from './discord-rest.js';

export interface Place {
  channelId: string;
  guildId?: string;
  channelType: ChannelType;
  parentId?: string;
  appPermissions?: bigint;
}

export class FakeDiscord {
  readonly bot: FakeUser = user('moodtune', true);
  readonly appId = snowflake();
  readonly token = `fake.bot.token.${Math.random().toString(36).slice(2)}`;
  readonly rest: FakeDiscordRest;
  readonly gateway: FakeDiscordGateway;
  private readonly guilds: FakeGuild[] = [];
  private port = 0;

  private constructor(
    private readonly server: Server,
    heartbeatMs: number,
  ) {
    this.rest = new FakeDiscordRest({
      bot: this.bot,
      appId: this.appId,
      gatewayUrl: () => `ws://127.0.0.1:${this.port}/gateway`,
    });
    this.gateway = new FakeDiscordGateway({
      bot: this.bot,
      appId: this.appId,
      heartbeatMs,
      resumeUrl: () => `ws://127.0.0.1:${this.port}/gateway-resume`,
      guilds: () => this.guilds.map((g) => guildCreate(g, this.bot)),
    });
    server.on('request', (req, res) => {
      if (req.url?.startsWith('/api/v10/')) this.rest.handle(req, res);
      else res.writeHead(404).end();
    });
    server.on('upgrade', (req, socket, head) => {
      if (req.url?.startsWith('/gateway')) this.gateway.upgrade(req, socket, head);
      else socket.destroy();
    });
  }

  /** `heartbeatMs` is sent in HELLO; short keeps the suite fast while still exercising heartbeats. */
  static async start(options: { heartbeatMs?: number } = {}): Promise<FakeDiscord> {
    const server = createServer();
    const fake = new FakeDiscord(server, options.heartbeatMs ?? 1000);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake.port = (server.address() as AddressInfo).port;
    return fake;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get calls(): RestCall[] {
    return this.rest.calls;
  }

  /** A guild the bot is in, announced after READY (add before the client connects). */
  addGuild(g: FakeGuild): FakeGuild {
    this.guilds.push(g);
    for (const c of g.channels)
      this.rest.knowChannel({ id: c.id, type: c.type, guildId: g.id, name: c.name });
    return g;
  }

  /** A DM channel between the bot and `who`. */
  dmChannel(): Place {
    const channelId = snowflake();
    this.rest.knowChannel({ id: channelId, type: ChannelType.DM });
    return { channelId, channelType: ChannelType.DM };
  }

  sendMessage(options: MessageOptions): ReturnType<typeof message> {
    const payload = message({
      ...options,
      channelType: options.channelType ?? (options.guildId ? ChannelType.GuildText : ChannelType.DM),
    });
    this.gateway.dispatch('MESSAGE_CREATE', payload);
    return payload;
  }

  private interaction<T extends { token: string }>(place: Place, payload: T): T {
    this.rest.knowInteraction(payload.token, {
      channelId: place.channelId,
      ...(place.guildId ? { guildId: place.guildId } : {}),
    });
    this.gateway.dispatch('INTERACTION_CREATE', payload);
    return payload;
  }

  slashCommand(
    place: Place,
    who: FakeUser,
    command: { name: string; options?: StringOption[]; subcommand?: SubcommandOption },
  ) {
    return this.interaction(place, chatInput(place, who, this.appId, command));
  }

  typeInOption(place: Place, who: FakeUser, command: { name: string; option: string; typed: string }) {
    return this.interaction(place, autocomplete(place, who, this.appId, command));
  }

  pressComponent(
    place: Place,
    who: FakeUser,
    pressed: { customId: string; values?: string[]; message: Record<string, unknown> },
  ) {
    return this.interaction(place, component(place, who, this.appId, pressed));
  }

  /** Polls the recorded REST calls until one matches (the bot works asynchronously). */
  async waitForCall(match: (call: RestCall) => boolean, timeoutMs = 15_000): Promise<RestCall> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.rest.calls.find(match);
      if (found) return found;
      if (Date.now() > deadline) {
        const seen = this.rest.calls.map((c) => `${c.method} ${c.path} ${c.status}`).join('\n  ');
        throw new Error(`no matching REST call within ${timeoutMs} ms; calls so far:\n  ${seen}`);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async waitUntil(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async stop(): Promise<void> {
    await this.gateway.stop();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export { user, guild, snowflake, BOT_PERMISSIONS } from './discord-payloads.js';
export { rateLimited, discordError, type RestCall } from './discord-rest.js';
