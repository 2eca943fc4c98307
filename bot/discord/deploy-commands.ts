/**
 * `npm run discord:deploy`: registers the slash commands — in DISCORD_GUILD_ID when set (instant, for testing),
 * otherwise globally (may take up to an hour to appear). Safe to rerun: PUT replaces the whole list.
 */
import { pathToFileURL } from 'node:url';
import { REST, Routes } from 'discord.js';
import { loadConfig } from '../../core/config/index.js';
import { ConfigError } from '../../core/errors.js';
import { COMMANDS } from './commands/index.js';
import { inviteUrl } from './main.js';

export interface DeployOptions {
  token: string;
  appId: string;
  guildId?: string | undefined;
  apiUrl?: string | undefined;
}

export async function deployCommands(
  options: DeployOptions,
): Promise<{ scope: 'guild' | 'global'; names: string[] }> {
  const rest = new REST(options.apiUrl ? { api: options.apiUrl } : {}).setToken(options.token);
  const route = options.guildId
    ? Routes.applicationGuildCommands(options.appId, options.guildId)
    : Routes.applicationCommands(options.appId);
  const registered = (await rest.put(route, { body: COMMANDS.map((c) => c.data) })) as { name: string }[];
  return { scope: options.guildId ? 'guild' : 'global', names: registered.map((c) => c.name) };
}

async function main(): Promise<number> {
  (await import('dotenv')).config({ quiet: true });
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
  const { token, appId, guildId, apiUrl } = config.discord;
  if (!token || !appId) {
    console.error('Set DISCORD_TOKEN and DISCORD_APP_ID (see docs/discord.md).');
    return 1;
  }
  const result = await deployCommands({ token, appId, guildId, apiUrl });
  console.log(
    `Registered ${result.names.map((n) => `/${n}`).join(', ')} ${result.scope === 'guild' ? `in server ${guildId}` : 'globally (allow up to an hour)'}.`,
  );
  console.log(`Invite the bot: ${inviteUrl(appId)}`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error('Deploying commands failed:', error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
