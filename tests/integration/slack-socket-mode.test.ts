import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../bot/app.js';
import { startSlack, type RunningSlack } from '../../bot/slack/main.js';
import { createTestApp } from '../helpers/test-app.js';
import { FakeResponseUrls } from '../fakes/slack-response-url.js';
import { FakeSocketMode } from '../fakes/slack-socket-mode.js';
import { FakeSlackWebApi } from '../fakes/slack-web-api.js';

const APP_TOKEN = 'xapp-1-A1-2222-socketmodetoken';

describe('Slack adapter in Socket Mode (real Bolt SocketModeReceiver, loopback WebSocket and Web API)', () => {
  let app: App;
  let cleanup: () => Promise<void>;
  let api: FakeSlackWebApi;
  let socket: FakeSocketMode;
  let urls: FakeResponseUrls;
  let slack: RunningSlack;

  beforeAll(async () => {
    api = await FakeSlackWebApi.start();
    socket = await FakeSocketMode.start();
    urls = await FakeResponseUrls.start();
    api.socketUrl = socket.url;
    ({ app, cleanup } = await createTestApp({
      SLACK_BOT_TOKEN: 'xoxb-3333-4444-socketbottoken',
      SLACK_APP_TOKEN: APP_TOKEN,
      SLACK_API_URL: api.url,
    }));
    slack = await startSlack(app);
    await socket.waitForConnection();
  });
  afterAll(async () => {
    await slack?.stop();
    await socket?.close();
    await api?.close();
    await urls?.close();
    await cleanup?.();
  });

  it('connects with the app token through apps.connections.open', () => {
    expect(slack.mode).toBe('socket');
    expect(slack.port).toBeUndefined();
    const open = api.callsTo('apps.connections.open');
    expect(open).toHaveLength(1);
    expect(open[0]!.token).toBe(APP_TOKEN);
  });

  it('acknowledges a slash command envelope at once and answers in the channel', async () => {
    const envelope = socket.send('slash_commands', {
      team_id: 'T1',
      channel_id: 'C1',
      user_id: 'U1',
      command: '/moodtune',
      text: 'rough day, feeling kind of numb, I want something that slowly picks me up',
      response_url: urls.urlFor('sm1'),
      trigger_id: '1.2.3',
      api_app_id: 'A1',
    });
    await socket.waitForAck(envelope);
    await api.waitFor((c) => c.some((x) => x.method === 'chat.update'));
    const update = api.callsTo('chat.update')[0]!;
    expect(JSON.stringify(update.args.blocks)).toContain('open.spotify.com');
  });

  it('answers a redelivered event (retry_attempt) once', async () => {
    api.reset();
    const payload = {
      team_id: 'T1',
      api_app_id: 'A1',
      type: 'event_callback',
      event_id: 'EvSOCKET1',
      event_time: 1,
      event: {
        type: 'app_mention',
        channel: 'C7',
        user: 'U2',
        text: '<@UBOT> melancholy',
        ts: '1700007000.000100',
      },
    };
    await socket.waitForAck(socket.send('events_api', payload, { retry_attempt: 0, retry_reason: '' }));
    await api.waitFor((c) => c.some((x) => x.method === 'chat.postMessage'));
    await socket.waitForAck(
      socket.send('events_api', payload, { retry_attempt: 1, retry_reason: 'timeout' }),
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(api.callsTo('chat.postMessage')).toHaveLength(1);
  });
});
