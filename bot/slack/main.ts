import type { AddressInfo, Server } from 'node:net';
import { App as BoltApp, type webApi } from '@slack/bolt';
import { UpstreamError } from '../../core/errors.js';
import type { App } from '../app.js';
import type { RunningChannel } from '../channels.js';
import { SlidingWindowLimiter } from '../rate-limit.js';
import { boltLogger } from './bolt-logger.js';
import { createErrorBoundary, slackErrorOf } from './boundary.js';
import { RecentKeys } from './dedupe.js';
import type { SlackDeps } from './deps.js';
import { registerListeners } from './listeners/index.js';

/**
 * WebClient retries. Its default (ten retries over about 30 minutes) suits batch jobs, not a chat answer; a 429
 * is still honoured: the client waits the Retry-After seconds before retrying (@slack/web-api WebClient
 * makeRequest pauses its queue for Retry-After, then lets p-retry try again).
 */
export const SLACK_RETRY: webApi.RetryOptions = {
  retries: 3,
  factor: 2,
  minTimeout: 250,
  maxTimeout: 4_000,
  randomize: true,
};

export interface SlackOptions {
  /** Overrides SLACK_PORT (0 = any free port; tests). HTTP mode only. */
  port?: number;
  retryConfig?: webApi.RetryOptions;
  /** Turns per person; default 10 a minute. */
  limiter?: SlidingWindowLimiter;
  seen?: RecentKeys;
  /** For response_url posts; default the global fetch. */
  fetch?: typeof fetch;
}

export interface RunningSlack extends RunningChannel {
  mode: 'http' | 'socket';
  bolt: BoltApp;
  /** The HTTP port listened on (HTTP mode). */
  port: number | undefined;
}

/**
 * The Bolt app from configuration: Socket Mode when SLACK_APP_TOKEN is set, otherwise HTTP with Bolt's receiver
 * verifying every request's v0 signature (401 on a bad signature or a timestamp over 5 minutes old).
 * `processBeforeResponse: false` makes ack() answer Slack at once while the listener keeps working.
 */
export function createSlackApp(
  app: App,
  options: SlackOptions = {},
): { bolt: BoltApp; mode: 'http' | 'socket' } {
  const { slack } = app.core.config;
  if (!slack.botToken) throw new UpstreamError('slack', 'SLACK_BOT_TOKEN is not set');
  const logger = app.logger.child({ component: 'bot.slack' });
  const mode = slack.appToken ? 'socket' : 'http';
  const bolt = new BoltApp({
    token: slack.botToken,
    ...(mode === 'socket'
      ? { appToken: slack.appToken, socketMode: true }
      : { signingSecret: slack.signingSecret, processBeforeResponse: false }),
    // auth.test runs in init() (awaited by startSlack), so a bad token fails start-up instead of the first event.
    deferInitialization: true,
    extendedErrorHandler: true,
    ignoreSelf: true,
    // Conversation state lives in our ConversationStore, not Bolt's.
    convoStore: false,
    logger: boltLogger(logger),
    clientOptions: {
      ...(slack.apiUrl ? { slackApiUrl: slack.apiUrl } : {}),
      retryConfig: options.retryConfig ?? SLACK_RETRY,
      timeout: 15_000,
    },
  });
  const deps: SlackDeps = {
    turns: app.turns,
    logger,
    seen: options.seen ?? new RecentKeys({ ttlMs: 30 * 60_000, maxKeys: 20_000 }),
    limiter: options.limiter ?? new SlidingWindowLimiter({ limit: 10, windowMs: 60_000 }),
    fetch: options.fetch ?? globalThis.fetch,
  };
  // Slack redelivers an event it thinks we missed (X-Slack-Retry-Num in HTTP mode, retry_attempt in Socket Mode)
  // with the same event_id. We ack at once, so a redelivery usually means the first one reached us anyway:
  // answer each event id once. A retry of an event we never saw is still answered (Bolt maintainers advise
  // against dropping retries blindly: slackapi/bolt-python#731; duplicates in Socket Mode: slackapi/bolt-js#2487).
  bolt.use(async ({ body, context, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string' && !deps.seen.firstTime(`event:${eventId}`)) {
      logger.info(
        { eventId, retryNum: context.retryNum, retryReason: context.retryReason },
        'slack: duplicate event ignored',
      );
      return;
    }
    await next();
  });
  registerListeners(bolt, deps);
  bolt.error(createErrorBoundary({ client: bolt.client, fetch: deps.fetch }, logger));
  return { bolt, mode };
}

/** Starts the Slack channel (`CHANNELS.slack`). Verifies the bot token (auth.test) before listening. */
export async function startSlack(app: App, options: SlackOptions = {}): Promise<RunningSlack> {
  const { bolt, mode } = createSlackApp(app, options);
  try {
    await bolt.init();
  } catch (error) {
    const code = slackErrorOf(error)?.code;
    throw new UpstreamError('slack', `auth.test failed${code ? ` (${code})` : ''}: check SLACK_BOT_TOKEN`, {
      cause: error,
    });
  }
  let port: number | undefined;
  if (mode === 'http') {
    const server = (await bolt.start(options.port ?? app.core.config.slack.port)) as Server;
    port = (server.address() as AddressInfo | null)?.port;
  } else {
    await bolt.start();
  }
  return { name: 'slack', mode, bolt, port, stop: () => bolt.stop() as Promise<void> };
}
