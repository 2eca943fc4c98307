/**
 * Discord API v10 payloads as the real gateway and REST API send them (only the fields discord.js reads),
 * for the loopback Discord in `discord-fake.ts`.
 */
import { ChannelType, ComponentType, InteractionType, PermissionFlagsBits } from 'discord.js';

const DISCORD_EPOCH = 1420070400000n;
let sequence = 0n;

/** A fresh, valid snowflake (timestamp-based, so discord.js's createdAt works). */
export function snowflake(): string {
  sequence = (sequence + 1n) % 4096n;
  return (((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | sequence).toString();
}

export interface FakeUser {
  id: string;
  username: string;
  global_name: string;
  discriminator: string;
  avatar: null;
  bot: boolean;
}

export function user(username: string, bot = false, id = snowflake()): FakeUser {
  return { id, username, global_name: username, discriminator: '0', avatar: null, bot };
}

/** Every permission the bot needs; tests remove some to exercise the fallbacks. */
export const BOT_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.ReadMessageHistory;

export interface FakeGuild {
  id: string;
  name: string;
  /** The @everyone role's permissions (the bot has no other role). */
  permissions: bigint;
  channels: { id: string; name: string; type: ChannelType }[];
}

export function guild(name: string, permissions = BOT_PERMISSIONS): FakeGuild {
  const id = snowflake();
  return {
    id,
    name,
    permissions,
    channels: [{ id: snowflake(), name: 'general', type: ChannelType.GuildText }],
  };
}

export function guildCreate(g: FakeGuild, bot: FakeUser) {
  const joined = new Date().toISOString();
  return {
    id: g.id,
    name: g.name,
    icon: null,
    owner_id: snowflake(),
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [
      {
        id: g.id,
        name: '@everyone',
        permissions: g.permissions.toString(),
        position: 0,
        color: 0,
        hoist: false,
        managed: false,
        mentionable: false,
        flags: 0,
      },
    ],
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    system_channel_flags: 0,
    premium_tier: 0,
    preferred_locale: 'en-US',
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    joined_at: joined,
    large: false,
    unavailable: false,
    member_count: 2,
    voice_states: [],
    members: [{ user: bot, roles: [], joined_at: joined, deaf: false, mute: false, flags: 0 }],
    channels: g.channels.map((c, position) => ({
      id: c.id,
      type: c.type,
      name: c.name,
      position,
      permission_overwrites: [],
      parent_id: null,
      nsfw: false,
      rate_limit_per_user: 0,
      topic: null,
      last_message_id: null,
    })),
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
  };
}

export interface MessageOptions {
  channelId: string;
  author: FakeUser;
  content: string;
  guildId?: string;
  mentions?: FakeUser[];
  channelType?: ChannelType;
}

/** A MESSAGE_CREATE payload (and the shape of messages the REST API returns). */
export function message(options: MessageOptions) {
  return {
    id: snowflake(),
    channel_id: options.channelId,
    ...(options.guildId ? { guild_id: options.guildId } : {}),
    ...(options.channelType !== undefined ? { channel_type: options.channelType } : {}),
    author: options.author,
    ...(options.guildId
      ? { member: { roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 } }
      : {}),
    content: options.content,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: options.mentions ?? [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    components: [],
    pinned: false,
    type: 0,
    flags: 0,
  };
}

interface InteractionPlace {
  /** Guild channel (text or thread) or DM channel. */
  channelId: string;
  guildId?: string;
  channelType: ChannelType;
  parentId?: string;
  /** What the bot may do in that channel (`app_permissions`). */
  appPermissions?: bigint;
}

function base(place: InteractionPlace, who: FakeUser, appId: string) {
  const token = `itok.${snowflake()}.${Math.random().toString(36).slice(2)}`;
  return {
    id: snowflake(),
    application_id: appId,
    token,
    version: 1,
    locale: 'en-US',
    entitlements: [],
    app_permissions: (place.appPermissions ?? BOT_PERMISSIONS).toString(),
    authorizing_integration_owners: { '0': place.guildId ?? '0' },
    context: place.guildId ? 0 : 1,
    channel_id: place.channelId,
    channel: {
      id: place.channelId,
      type: place.channelType,
      ...(place.guildId ? { guild_id: place.guildId, name: 'general' } : { recipients: [who] }),
      ...(place.parentId ? { parent_id: place.parentId } : {}),
    },
    ...(place.guildId
      ? {
          guild_id: place.guildId,
          guild_locale: 'en-US',
          member: {
            user: who,
            roles: [],
            permissions: BOT_PERMISSIONS.toString(),
            joined_at: new Date().toISOString(),
            deaf: false,
            mute: false,
            flags: 0,
          },
        }
      : { user: who }),
  };
}

export type StringOption = { name: string; value: string };
export type SubcommandOption = { name: string; options?: StringOption[] };

/** An INTERACTION_CREATE for a slash command; `subcommand` wraps the options in a type-1 option. */
export function chatInput(
  place: InteractionPlace,
  who: FakeUser,
  appId: string,
  command: { name: string; options?: StringOption[]; subcommand?: SubcommandOption },
) {
  const strings = (options: StringOption[] = []) => options.map((o) => ({ ...o, type: 3 }));
  return {
    ...base(place, who, appId),
    type: InteractionType.ApplicationCommand,
    data: {
      id: snowflake(),
      name: command.name,
      type: 1,
      options: command.subcommand
        ? [{ name: command.subcommand.name, type: 1, options: strings(command.subcommand.options) }]
        : strings(command.options),
    },
  };
}

/** An INTERACTION_CREATE for a button press or a select-menu choice on one of the bot's messages. */
export function component(
  place: InteractionPlace,
  who: FakeUser,
  appId: string,
  pressed: { customId: string; values?: string[]; message: Record<string, unknown> },
) {
  return {
    ...base(place, who, appId),
    type: InteractionType.MessageComponent,
    message: pressed.message,
    data: {
      custom_id: pressed.customId,
      component_type: pressed.values ? ComponentType.StringSelect : ComponentType.Button,
      ...(pressed.values ? { values: pressed.values } : {}),
    },
  };
}

/** An INTERACTION_CREATE for autocomplete: the option being typed has `focused: true`. */
export function autocomplete(
  place: InteractionPlace,
  who: FakeUser,
  appId: string,
  command: { name: string; option: string; typed: string },
) {
  return {
    ...base(place, who, appId),
    type: InteractionType.ApplicationCommandAutocomplete,
    data: {
      id: snowflake(),
      name: command.name,
      type: 1,
      options: [{ name: command.option, type: 3, value: command.typed, focused: true }],
    },
  };
}
