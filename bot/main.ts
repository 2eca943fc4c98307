/**
 * `npm start`: starts every configured channel (Discord, Slack); with none configured, or with
 * `--channel shell` (`npm run chat`), the terminal chat.
 */
import 'dotenv/config';
import { parseArgs } from 'node:util';
import { loadConfig, secretValues, type Config } from '../core/config/index.js';
import { ConfigError, DataFileError } from '../core/errors.js';
import { createLogger } from '../core/logger.js';
import { createCore } from '../core/runtime.js';
import { createApp } from './app.js';
import { CHANNELS, type RunningChannel } from './channels.js';
import { runShell } from './shell/shell.js';

function channelsToStart(config: Config, forced: string | undefined): string[] {
  if (forced) return [forced];
  const channels: string[] = [];
  if (config.discord.token && config.discord.appId) channels.push('discord');
  if (config.slack.botToken) channels.push('slack');
  return channels.length > 0 ? channels : ['shell'];
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { channel: { type: 'string' } }, strict: true });
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`${error.message}\nSee .env.example for every variable.`);
      return 1;
    }
    throw error;
  }
  const channels = channelsToStart(config, values.channel);
  const unknown = channels.filter((c) => !['shell', 'discord', 'slack'].includes(c));
  if (unknown.length > 0) {
    console.error(`Unknown channel "${unknown.join(', ')}". Use shell, discord or slack.`);
    return 2;
  }
  const shellOnly = channels.length === 1 && channels[0] === 'shell';
  const logger = createLogger({
    level: config.logLevel ?? (shellOnly ? 'warn' : 'info'),
    secrets: secretValues(config),
  });
  let core;
  try {
    core = await createCore(config, logger);
  } catch (error) {
    if (error instanceof DataFileError) {
      console.error(`Cannot start: ${error.message}`);
      return 1;
    }
    throw error;
  }
  const app = await createApp(core);
  if (shellOnly) {
    await runShell(app.turns, {
      input: process.stdin,
      output: process.stdout,
      interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
      logger,
    });
    await app.close();
    return 0;
  }
  const running: RunningChannel[] = [];
  for (const name of channels) {
    const start = CHANNELS[name as keyof typeof CHANNELS];
    if (!start) {
      console.error(`The ${name} channel is not available in this build.`);
      continue;
    }
    running.push(await start(app));
    logger.info({ channel: name }, 'channel started');
  }
  if (running.length === 0) {
    await app.close();
    return 1;
  }
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  logger.info('shutting down');
  await Promise.allSettled(running.map((c) => c.stop()));
  await app.close();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('moodtune failed to start:', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
