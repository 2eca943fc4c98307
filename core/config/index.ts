import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../errors.js';

/**
 * The only module that reads process.env. Each section is a zod schema with defaults; `loadConfig` reports
 * every missing or invalid variable at once, by name, with how to fix it.
 */

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));
const optionalUrl = optionalString.pipe(z.url().optional());
const intWithDefault = (def: number, min = 0) =>
  z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? def : Number(v)))
    .pipe(z.number().int().min(min));

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const AppSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(LOG_LEVELS).optional(),
  MOODTUNE_DATA_DIR: z.string().default('var'),
  MOODTUNE_CATALOG: z.string().default('data/catalog.jsonl'),
  MOODTUNE_SONGS_PER_REPLY: intWithDefault(5, 1).pipe(z.number().max(10)),
  MOODTUNE_CONVERSATION_TTL_MIN: intWithDefault(240, 1),
});

const GroqSchema = z.object({
  GROQ_API_KEY: optionalString,
  GROQ_BASE_URL: optionalUrl,
  GROQ_MODEL: z.string().default('llama-3.1-8b-instant'),
  GROQ_MODEL_LARGE: optionalString,
  GROQ_REQUESTS_PER_MINUTE: intWithDefault(30, 1),
  GROQ_TOKENS_PER_MINUTE: intWithDefault(6000, 100),
  GROQ_TIMEOUT_MS: intWithDefault(15000, 100),
  // Queue wait allowed before a turn falls back; with a ~1.3 s turn it keeps every reply under 5 s.
  GROQ_MAX_WAIT_MS: intWithDefault(3000, 0),
});

const DiscordSchema = z.object({
  DISCORD_TOKEN: optionalString,
  DISCORD_APP_ID: optionalString,
  DISCORD_GUILD_ID: optionalString,
  DISCORD_API_URL: optionalUrl,
});

const SlackSchema = z.object({
  SLACK_BOT_TOKEN: optionalString,
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: optionalString,
  SLACK_PORT: intWithDefault(3000, 1),
  SLACK_API_URL: optionalUrl,
});

const QdrantSchema = z.object({
  QDRANT_URL: optionalUrl,
  QDRANT_API_KEY: optionalString,
  QDRANT_COLLECTION: z.string().default('moodtune_tracks'),
});

const LastfmSchema = z.object({
  LASTFM_API_KEY: optionalString,
  LASTFM_API_SECRET: optionalString,
});

const SpotifySchema = z.object({
  SPOTIFY_CLIENT_ID: optionalString,
  SPOTIFY_CLIENT_SECRET: optionalString,
});

const HOW_TO_FIX: Record<string, string> = {
  LOG_LEVEL: `one of ${LOG_LEVELS.join(', ')}`,
  MOODTUNE_SONGS_PER_REPLY: 'a whole number from 1 to 10',
  GROQ_BASE_URL: 'a full URL such as https://api.groq.com, or leave it empty',
  QDRANT_URL: 'a full URL such as http://localhost:6333, or leave it empty for the embedded index',
  SLACK_API_URL: 'a full URL ending in /api/, or leave it empty',
  DISCORD_API_URL: 'a full URL, or leave it empty',
};

type Env = Record<string, string | undefined>;

function parseSection<S extends z.ZodObject>(schema: S, env: Env, problems: string[]): z.output<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const name = String(issue.path[0] ?? '?');
    const shown = env[name];
    problems.push(
      `${name}${shown === undefined ? ' is missing' : ' is invalid'}: ${HOW_TO_FIX[name] ?? issue.message}`,
    );
  }
  return undefined as never;
}

export interface Config {
  env: 'development' | 'production' | 'test';
  /** Undefined when LOG_LEVEL is not set: each entry point picks its own default. */
  logLevel: (typeof LOG_LEVELS)[number] | undefined;
  /** Absolute directory for everything the app writes (index, caches, SQLite). */
  dataDir: string;
  /** Absolute path of the catalog file loaded at start-up. */
  catalogPath: string;
  songsPerReply: number;
  conversationTtlMs: number;
  groq: {
    apiKey: string | undefined;
    baseUrl: string | undefined;
    model: string;
    largeModel: string | undefined;
    requestsPerMinute: number;
    tokensPerMinute: number;
    timeoutMs: number;
    maxWaitMs: number;
  };
  discord: {
    token: string | undefined;
    appId: string | undefined;
    guildId: string | undefined;
    apiUrl: string | undefined;
  };
  slack: {
    botToken: string | undefined;
    signingSecret: string | undefined;
    appToken: string | undefined;
    port: number;
    apiUrl: string | undefined;
  };
  qdrant: { url: string | undefined; apiKey: string | undefined; collection: string };
  lastfm: { apiKey: string | undefined; apiSecret: string | undefined };
  spotify: { clientId: string | undefined; clientSecret: string | undefined };
}

/** Parses configuration from `env` (default: process.env). Throws one ConfigError naming every bad variable. */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const problems: string[] = [];
  const app = parseSection(AppSchema, env, problems);
  const groq = parseSection(GroqSchema, env, problems);
  const discord = parseSection(DiscordSchema, env, problems);
  const slack = parseSection(SlackSchema, env, problems);
  const qdrant = parseSection(QdrantSchema, env, problems);
  const lastfm = parseSection(LastfmSchema, env, problems);
  const spotify = parseSection(SpotifySchema, env, problems);
  if (problems.length === 0) {
    if (Boolean(discord.DISCORD_TOKEN) !== Boolean(discord.DISCORD_APP_ID)) {
      problems.push(
        'DISCORD_TOKEN and DISCORD_APP_ID must be set together (both from the Discord developer portal)',
      );
    }
    if (slack.SLACK_BOT_TOKEN && !slack.SLACK_SIGNING_SECRET && !slack.SLACK_APP_TOKEN) {
      problems.push(
        'SLACK_BOT_TOKEN needs SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode)',
      );
    }
    if (Boolean(lastfm.LASTFM_API_KEY) !== Boolean(lastfm.LASTFM_API_SECRET)) {
      problems.push('LASTFM_API_KEY and LASTFM_API_SECRET must be set together');
    }
    if (Boolean(spotify.SPOTIFY_CLIENT_ID) !== Boolean(spotify.SPOTIFY_CLIENT_SECRET)) {
      problems.push('SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET must be set together');
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    env: app.NODE_ENV,
    logLevel: app.LOG_LEVEL ?? (app.NODE_ENV === 'test' ? 'silent' : undefined),
    dataDir: path.resolve(cwd, app.MOODTUNE_DATA_DIR),
    catalogPath: path.resolve(cwd, app.MOODTUNE_CATALOG),
    songsPerReply: app.MOODTUNE_SONGS_PER_REPLY,
    conversationTtlMs: app.MOODTUNE_CONVERSATION_TTL_MIN * 60_000,
    groq: {
      apiKey: groq.GROQ_API_KEY,
      baseUrl: groq.GROQ_BASE_URL,
      model: groq.GROQ_MODEL,
      largeModel: groq.GROQ_MODEL_LARGE,
      requestsPerMinute: groq.GROQ_REQUESTS_PER_MINUTE,
      tokensPerMinute: groq.GROQ_TOKENS_PER_MINUTE,
      timeoutMs: groq.GROQ_TIMEOUT_MS,
      maxWaitMs: groq.GROQ_MAX_WAIT_MS,
    },
    discord: {
      token: discord.DISCORD_TOKEN,
      appId: discord.DISCORD_APP_ID,
      guildId: discord.DISCORD_GUILD_ID,
      apiUrl: discord.DISCORD_API_URL,
    },
    slack: {
      botToken: slack.SLACK_BOT_TOKEN,
      signingSecret: slack.SLACK_SIGNING_SECRET,
      appToken: slack.SLACK_APP_TOKEN,
      port: slack.SLACK_PORT,
      apiUrl: slack.SLACK_API_URL,
    },
    qdrant: { url: qdrant.QDRANT_URL, apiKey: qdrant.QDRANT_API_KEY, collection: qdrant.QDRANT_COLLECTION },
    lastfm: { apiKey: lastfm.LASTFM_API_KEY, apiSecret: lastfm.LASTFM_API_SECRET },
    spotify: { clientId: spotify.SPOTIFY_CLIENT_ID, clientSecret: spotify.SPOTIFY_CLIENT_SECRET },
  };
}

/** Every secret value in the config, for log scrubbing. */
export function secretValues(config: Config): string[] {
  return [
    config.groq.apiKey,
    config.discord.token,
    config.slack.botToken,
    config.slack.signingSecret,
    config.slack.appToken,
    config.qdrant.apiKey,
    config.lastfm.apiSecret,
    config.lastfm.apiKey,
    config.spotify.clientSecret,
  ].filter((v): v is string => typeof v === 'string' && v.length >= 6);
}
