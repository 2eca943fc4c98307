import type { App } from './app.js';

/** A started chat channel; `stop` disconnects it cleanly. */
export interface RunningChannel {
  name: string;
  stop(): Promise<void>;
}

export type ChannelStarter = (app: App) => Promise<RunningChannel>;

/**
 * Network channels, explicitly listed. `bot/main.ts` starts each one whose credentials are configured.
 * (The shell is not here: it owns the terminal and runs only when no network channel is configured.)
 */
export const CHANNELS: Record<'discord' | 'slack', ChannelStarter | undefined> = {
  // Imported on demand: discord.js and Bolt are heavy, and the terminal chat needs neither.
  discord: async (app) => (await import('./discord/main.js')).startDiscord(app),
  slack: async (app) => (await import('./slack/main.js')).startSlack(app),
};
