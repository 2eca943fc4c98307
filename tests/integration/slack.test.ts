import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../bot/app.js';
import { SlidingWindowLimiter } from '../../bot/rate-limit.js';
import { startSlack, type RunningSlack } from '../../bot/slack/main.js';
import { createLogger } from '../../core/logger.js';
import { createTestApp } from '../helpers/test-app.js';
import { FakeResponseUrls } from '../fakes/slack-response-url.js';
import {
  blockActionBody,
  eventBody,
  postSigned,
  slackSignature,
  slashCommandBody,
} from '../fakes/slack-requests.js';
import { FakeSlackWebApi, type SlackApiCall } from '../fakes/slack-web-api.js';

const SECRET = 'test-signing-secret-7f3a9c';
const TOKEN = 'xoxb-1111-2222-testtokenvalue';
const FORM = 'application/x-www-form-urlencoded';

type Block = {
  type: string;
  block_id?: string;
  text?: { text: string };
  elements?: { type: string; text?: { text: string } | string; value?: string; action_id?: string }[];
  accessory?: { type: string; action_id: string; options: { value: string; url?: string }[] };
};
const blocksOf = (call: SlackApiCall) => (call.args.blocks ?? []) as Block[];
const songSections = (blocks: Block[]) => blocks.filter((b) => b.type === 'section' && b.accessory);
const buttonsOf = (blocks: Block[]) => blocks.find((b) => b.type === 'actions')?.elements ?? [];
const textOf = (blocks: Block[]) => blocks.map((b) => b.text?.text ?? '').join('\n');

describe('Slack adapter over HTTP (real Bolt App, loopback Slack Web API and response_url)', () => {
  let app: App;
  let cleanup: () => Promise<void>;
  let api: FakeSlackWebApi;
  let urls: FakeResponseUrls;
  let slack: RunningSlack;
  let endpoint: string;
  let seq = 0;
  const nextId = (prefix: string) => `${prefix}${++seq}`;

  beforeAll(async () => {
    api = await FakeSlackWebApi.start();
    urls = await FakeResponseUrls.start();
    ({ app, cleanup } = await createTestApp({
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: api.url,
    }));
    slack = await startSlack(app, {
      port: 0,
      limiter: new SlidingWindowLimiter({ limit: 1000, windowMs: 60_000 }),
    });
    endpoint = `http://127.0.0.1:${slack.port}/slack/events`;
  });
  afterAll(async () => {
    await slack?.stop();
    await api?.close();
    await urls?.close();
    await cleanup?.();
  });

  const command = (text: string, extra: { user?: string; channel?: string } = {}) => {
    const urlId = nextId('cmd');
    const body = slashCommandBody({ text, responseUrl: urls.urlFor(urlId), ...extra });
    return postSigned(endpoint, body, FORM, { secret: SECRET }).then((r) => ({ ...r, urlId }));
  };
  const event = (ev: Record<string, unknown>, eventId = nextId('Ev'), headers: Record<string, string> = {}) =>
    postSigned(endpoint, eventBody(eventId, ev), 'application/json', { secret: SECRET, headers });
  const click = (fields: Omit<Parameters<typeof blockActionBody>[0], 'responseUrl'>) => {
    const urlId = nextId('act');
    const body = blockActionBody({ ...fields, responseUrl: urls.urlFor(urlId) });
    return postSigned(endpoint, body, FORM, { secret: SECRET }).then((r) => ({ ...r, urlId }));
  };
  /** A public `/moodtune <feeling>`: returns the placeholder's ts and the update that answered it. */
  async function feeling(text: string, user = 'U1') {
    const before = api.calls.length;
    const res = await command(text, { user });
    expect(res.status).toBe(200);
    await api.waitFor((calls) => calls.slice(before).some((c) => c.method === 'chat.update'));
    const mine = api.calls.slice(before);
    const placeholder = mine.find((c) => c.method === 'chat.postMessage')!;
    const update = mine.find((c) => c.method === 'chat.update')!;
    return { res, placeholder, update, ts: update.args.ts as string };
  }

  it('verifies the bot token with auth.test at start-up, sending it as a bearer token', () => {
    const authTests = api.callsTo('auth.test');
    expect(authTests).toHaveLength(1);
    expect(authTests[0]!.token).toBe(TOKEN);
  });

  describe('slash command', () => {
    afterEach(() => api.reset());

    it('acknowledges at once, then answers in the channel with five ranked songs, buttons and a thread', async () => {
      const { res, placeholder, update, ts } = await feeling(
        'rough day, feeling kind of numb, I want something that slowly picks me up',
      );
      expect(res.text).toBe('');
      expect(placeholder.args).toMatchObject({ channel: 'C1' });
      expect(placeholder.args.text).toContain('<@U1>');
      expect(update.args).toMatchObject({ channel: 'C1', ts });
      const blocks = blocksOf(update);
      const songs = songSections(blocks);
      expect(songs).toHaveLength(5);
      songs.forEach((song, i) => {
        expect(song.text!.text).toMatch(new RegExp(`^\\*${i + 1}\\.\\* <https://open\\.spotify\\.com/`));
        expect(song.accessory!.options[0]!.value).toMatch(/^like:/);
        expect(song.accessory!.options[1]!.url).toMatch(/^https:\/\/open\.spotify\.com\//);
      });
      const labels = buttonsOf(blocks).map((b) => (typeof b.text === 'string' ? b.text : b.text?.text));
      expect(labels).toEqual(expect.arrayContaining(['More like these', 'Lift me up', 'Calmer', '👍', '👎']));
      const conversationId = `slack:T1:C1:${ts}`;
      expect(blocks.find((b) => b.type === 'actions')!.block_id).toBe(`mt|a|${conversationId}`);
      expect(app.turns.hasConversation(conversationId)).toBe(true);
      expect(urls.posts.filter((p) => p.id.startsWith('cmd'))).toHaveLength(0);
    });

    it('continues the conversation when someone replies in the answer thread, without repeating songs', async () => {
      const { update, ts } = await feeling('I feel heartbroken and lonely, let me sit with it');
      const firstTitles = songSections(blocksOf(update)).map((s) => s.text!.text.split('\n')[0]);
      api.reset();
      await event({
        type: 'message',
        channel: 'C1',
        channel_type: 'channel',
        user: 'U2',
        text: 'more',
        ts: '1700000500.000001',
        thread_ts: ts,
      });
      const [reply] = (await api.waitFor((c) => c.some((x) => x.method === 'chat.postMessage'))).filter(
        (c) => c.method === 'chat.postMessage',
      );
      expect(reply!.args).toMatchObject({ channel: 'C1', thread_ts: ts });
      const titles = songSections(blocksOf(reply!)).map((s) => s.text!.text.split('\n')[0]);
      expect(titles.length).toBeGreaterThan(0);
      for (const t of titles) expect(firstTitles).not.toContain(t);
    });

    it('answers `private` ephemerally through the response_url and posts nothing in the channel', async () => {
      const res = await command('private feeling low and far from home');
      expect(res.status).toBe(200);
      const [post] = await urls.waitFor(res.urlId);
      expect(post!.body.response_type).toBe('ephemeral');
      expect(songSections(post!.body.blocks as Block[])).toHaveLength(5);
      expect(api.visibleMessages()).toHaveLength(0);
      expect(app.turns.hasConversation('slack:T1:C1:private:U1')).toBe(true);
    });

    it.each([
      ['', /Tell me how you feel/],
      ['help', /`\/moodtune private <how you feel>`/],
      ['status', /not configured yet/],
      ['link lastfm rj_listener', /Last\.fm linking is not configured yet/],
      ['link spotify someone', /only link Last\.fm/],
      ['unlink', /not configured yet/],
      ['--verbose', /don't know the subcommand `--verbose`/],
      ['settings', /don't know the subcommand `settings`/],
      ['private', /Tell me how you feel after `private`/],
    ])('answers `/moodtune %s` in the acknowledgement itself, privately', async (text, expected) => {
      const res = await command(text);
      expect(res.status).toBe(200);
      const body = JSON.parse(res.text) as { response_type: string; text: string };
      expect(body.response_type).toBe('ephemeral');
      expect(body.text).toMatch(expected);
      expect(api.calls).toHaveLength(0);
    });

    it('handles a 4,000-character feeling: acknowledged, read in part, answered with a note', async () => {
      const long = `${'I am tired and sad and I miss my friends. '.repeat(100)}`.slice(0, 4000);
      const { res, update } = await feeling(long);
      expect(res.status).toBe(200);
      expect(textOf(blocksOf(update))).toContain('long message');
      for (const block of blocksOf(update)) expect((block.text?.text ?? '').length).toBeLessThanOrEqual(3000);
    });

    it('tells the person privately how to invite the app when it is not in the channel', async () => {
      api.failNext('chat.postMessage', 'not_in_channel');
      const res = await command('feeling restless tonight');
      expect(res.status).toBe(200);
      const [post] = await urls.waitFor(res.urlId);
      expect(post!.body.response_type).toBe('ephemeral');
      expect(post!.body.text).toContain('/invite @moodtune');
      expect(api.visibleMessages()).toHaveLength(0);
    });

    it('explains a missing scope with the scope name and a reference id', async () => {
      api.failNext('chat.postMessage', 'missing_scope', { needed: 'chat:write', provided: 'commands' });
      const res = await command('happy and want to dance');
      const [post] = await urls.waitFor(res.urlId);
      expect(post!.body.text).toMatch(
        /missing a Slack permission I need \(`chat:write`\).*ref `[A-Z0-9]{4,8}`/,
      );
    });

    it('acknowledges well under 3 s while the agent takes 2.5 s, then answers', async () => {
      const original = app.turns.handle.bind(app.turns);
      app.turns.handle = async (turn) => {
        await new Promise((r) => setTimeout(r, 2500));
        return original(turn);
      };
      try {
        const started = performance.now();
        const res = await command('calm but a little anxious');
        expect(res.status).toBe(200);
        expect(res.ms).toBeLessThan(1000);
        await api.waitFor((c) => c.some((x) => x.method === 'chat.update'), 15_000);
        expect(performance.now() - started).toBeGreaterThan(2500);
        expect(api.callsTo('chat.update')).toHaveLength(1);
      } finally {
        app.turns.handle = original;
      }
    });

    it('replaces the placeholder with a kind message and a reference id when the turn fails', async () => {
      const original = app.turns.handle.bind(app.turns);
      app.turns.handle = () => Promise.reject(new Error('agent exploded'));
      try {
        await command('sad');
        const [update] = (await api.waitFor((c) => c.some((x) => x.method === 'chat.update'))).filter(
          (c) => c.method === 'chat.update',
        );
        expect(textOf(blocksOf(update!))).toMatch(/something went wrong on my side.*ref `[A-Z0-9]{4,8}`/);
        expect(textOf(blocksOf(update!))).not.toContain('exploded');
      } finally {
        app.turns.handle = original;
      }
    });
    it('falls back to the response_url when the placeholder it should replace is gone', async () => {
      api.failNext('chat.update', 'message_not_found', {}, 2);
      const res = await command('sad and sleepy');
      const [post] = await urls.waitFor(res.urlId);
      expect(post!.body.response_type).toBe('ephemeral');
      expect(post!.body.text).toMatch(/something went wrong on my side.*ref `[A-Z0-9]{4,8}`/);
      expect(api.callsTo('chat.update', 'message_not_found')).toHaveLength(2);
    });
  });

  describe('events', () => {
    afterEach(() => api.reset());

    it('answers an app_mention in the thread of the mention, without the mention in the text it reads', async () => {
      const res = await event({
        type: 'app_mention',
        channel: 'C2',
        user: 'U3',
        text: '<@UBOT> feeling heartbroken, need something to cry to',
        ts: '1700001000.000100',
      });
      expect(res.status).toBe(200);
      const [post] = (await api.waitFor((c) => c.some((x) => x.method === 'chat.postMessage'))).filter(
        (c) => c.method === 'chat.postMessage',
      );
      expect(post!.args).toMatchObject({ channel: 'C2', thread_ts: '1700001000.000100' });
      const state = app.store.get('slack:T1:C2:1700001000.000100');
      expect(state.history[0]).toEqual({
        role: 'user',
        text: 'feeling heartbroken, need something to cry to',
      });
    });

    it('answers a DM in the DM, one conversation per DM channel', async () => {
      await event({
        type: 'message',
        channel: 'D1',
        channel_type: 'im',
        user: 'U4',
        text: 'so happy today, want to dance',
        ts: '1700002000.000100',
      });
      const [post] = (await api.waitFor((c) => c.some((x) => x.method === 'chat.postMessage'))).filter(
        (c) => c.method === 'chat.postMessage',
      );
      expect(post!.args.channel).toBe('D1');
      expect(post!.args.thread_ts).toBeUndefined();
      expect(app.turns.hasConversation('slack:T1:D1')).toBe(true);
    });

    it('ignores bot messages, edits, joins and chatter outside our threads', async () => {
      const ignored = [
        {
          type: 'message',
          channel: 'D1',
          channel_type: 'im',
          bot_id: 'B9',
          user: 'U9',
          text: 'hi',
          ts: '1.1',
        },
        {
          type: 'message',
          subtype: 'message_changed',
          channel: 'D1',
          channel_type: 'im',
          message: { text: 'sad', user: 'U4' },
          ts: '1.2',
        },
        {
          type: 'message',
          subtype: 'channel_join',
          channel: 'C1',
          channel_type: 'channel',
          user: 'U5',
          ts: '1.3',
        },
        { type: 'message', channel: 'C1', channel_type: 'channel', user: 'U5', text: 'so sad', ts: '1.4' },
        {
          type: 'message',
          channel: 'C1',
          channel_type: 'channel',
          user: 'U5',
          text: 'sad',
          ts: '1.6',
          thread_ts: '1.5',
        },
      ];
      for (const ev of ignored) expect((await event(ev)).status).toBe(200);
      // A sentinel DM after them: once it is answered, the ignored ones had their chance.
      await event({
        type: 'message',
        channel: 'D7',
        channel_type: 'im',
        user: 'U7',
        text: 'tired',
        ts: '1.7',
      });
      await api.waitFor((c) => c.some((x) => x.method === 'chat.postMessage'));
      await new Promise((r) => setTimeout(r, 200));
      expect(api.callsTo('chat.postMessage').map((c) => c.args.channel)).toEqual(['D7']);
    });

    it('answers a retried event (X-Slack-Retry-Num) once', async () => {
      const ev = {
        type: 'app_mention',
        channel: 'C3',
        user: 'U3',
        text: '<@UBOT> nostalgic tonight',
        ts: '1700003000.000100',
      };
      await event(ev, 'EvRETRY1');
      await api.waitFor((c) => c.some((x) => x.method === 'chat.postMessage'));
      const retry = await event(ev, 'EvRETRY1', {
        'X-Slack-Retry-Num': '1',
        'X-Slack-Retry-Reason': 'http_timeout',
      });
      expect(retry.status).toBe(200);
      const again = await event(ev, 'EvRETRY1', {
        'X-Slack-Retry-Num': '2',
        'X-Slack-Retry-Reason': 'http_timeout',
      });
      expect(again.status).toBe(200);
      // A sentinel: once the next event is answered, the retries would have been too.
      await event({ type: 'message', channel: 'D8', channel_type: 'im', user: 'U8', text: 'ok', ts: '2.1' });
      await api.waitFor((c) => c.filter((x) => x.method === 'chat.postMessage').length >= 2);
      await new Promise((r) => setTimeout(r, 200));
      expect(api.callsTo('chat.postMessage').map((c) => c.args.channel)).toEqual(['C3', 'D8']);
    });

    it('still answers a retry of an event whose first delivery never arrived', async () => {
      await event(
        { type: 'app_mention', channel: 'C4', user: 'U3', text: '<@UBOT> lonely', ts: '1700004000.000100' },
        'EvLOST1',
        { 'X-Slack-Retry-Num': '1', 'X-Slack-Retry-Reason': 'http_error' },
      );
      await api.waitFor((c) => c.some((x) => x.method === 'chat.postMessage' && x.outcome === 'ok'));
    });

    it('retries chat.postMessage after a 429, waiting the Retry-After, and posts the answer once', async () => {
      api.rateLimitNext('chat.postMessage', 1);
      const started = performance.now();
      await event({
        type: 'app_mention',
        channel: 'C5',
        user: 'U3',
        text: '<@UBOT> angry',
        ts: '1700005000.000100',
      });
      await api.waitFor((c) => c.some((x) => x.method === 'chat.postMessage' && x.outcome === 'ok'), 15_000);
      expect(performance.now() - started).toBeGreaterThanOrEqual(1000);
      expect(api.callsTo('chat.postMessage', 'any').map((c) => c.outcome)).toEqual(['ratelimited', 'ok']);
      expect(api.visibleMessages()).toHaveLength(1);
    });
  });

  describe('buttons', () => {
    afterEach(() => api.reset());

    it('runs "Lift me up" and "More like this" in the conversation thread, and 👍 privately', async () => {
      const { update, ts } = await feeling(
        'rough day, feeling kind of numb, I want something that slowly picks me up',
      );
      const blocks = blocksOf(update);
      const actionsBlock = blocks.find((b) => b.type === 'actions')!;
      const lift = actionsBlock.elements!.find((e) => e.value === 'lift')!;
      api.reset();

      await click({
        action: { type: 'button', block_id: actionsBlock.block_id, action_id: lift.action_id, value: 'lift' },
        messageTs: ts,
      });
      const [liftPost] = (await api.waitFor((c) => c.some((x) => x.method === 'chat.postMessage'))).filter(
        (c) => c.method === 'chat.postMessage',
      );
      expect(liftPost!.args).toMatchObject({ channel: 'C1', thread_ts: ts });
      expect(songSections(blocksOf(liftPost!)).length).toBeGreaterThan(0);

      const song = songSections(blocks)[1]!;
      api.reset();
      await click({
        action: {
          type: 'overflow',
          block_id: song.block_id,
          action_id: song.accessory!.action_id,
          selected_option: {
            text: { type: 'plain_text', text: 'More like this' },
            value: song.accessory!.options[0]!.value,
          },
        },
        messageTs: ts,
      });
      const [likePost] = (await api.waitFor((c) => c.some((x) => x.method === 'chat.postMessage'))).filter(
        (c) => c.method === 'chat.postMessage',
      );
      expect(likePost!.args).toMatchObject({ channel: 'C1', thread_ts: ts });

      api.reset();
      const up = actionsBlock.elements!.find((e) => e.value === 'up')!;
      const res = await click({
        action: { type: 'button', block_id: actionsBlock.block_id, action_id: up.action_id, value: 'up' },
        messageTs: ts,
      });
      const [post] = await urls.waitFor(res.urlId);
      expect(post!.body.response_type).toBe('ephemeral');
      expect(api.visibleMessages()).toHaveLength(0);
    });

    it('answers kindly, privately, when the conversation behind a button has expired', async () => {
      const res = await click({
        action: {
          type: 'button',
          block_id: 'mt|a|slack:T1:C1:1600000000.000001',
          action_id: 'moodtune:action:0',
          value: 'more',
        },
      });
      expect(res.status).toBe(200);
      const [post] = await urls.waitFor(res.urlId);
      expect(post!.body.text).toMatch(/expired/);
      expect(api.calls).toHaveLength(0);
      expect(app.turns.hasConversation('slack:T1:C1:1600000000.000001')).toBe(false);
    });

    it('does nothing but acknowledge the "Open in Spotify" menu link', async () => {
      const res = await click({
        action: {
          type: 'overflow',
          block_id: 'mt|s0|slack:T1:C1:1600000000.000001',
          action_id: 'moodtune:song:1',
          selected_option: { text: { type: 'plain_text', text: 'Open in Spotify' }, value: 'open' },
        },
      });
      expect(res.status).toBe(200);
      await new Promise((r) => setTimeout(r, 200));
      expect(urls.postsTo(res.urlId)).toHaveLength(0);
      expect(api.calls).toHaveLength(0);
    });
  });

  describe('request verification', () => {
    afterEach(() => api.reset());

    it('rejects a bad signature with 401 and changes nothing', async () => {
      const body = slashCommandBody({ text: 'sad', responseUrl: urls.urlFor('forged'), channel: 'C9' });
      const res = await postSigned(endpoint, body, FORM, {
        secret: SECRET,
        signature: slackSignature('not-the-secret', Math.floor(Date.now() / 1000), body),
      });
      expect(res.status).toBe(401);
      const forgedEvent = eventBody('EvFORGED', {
        type: 'app_mention',
        channel: 'C9',
        user: 'U1',
        text: 'x',
        ts: '9.1',
      });
      const res2 = await postSigned(endpoint, forgedEvent, 'application/json', {
        secret: 'wrong-secret-123',
      });
      expect(res2.status).toBe(401);
      await new Promise((r) => setTimeout(r, 200));
      expect(api.calls).toHaveLength(0);
      expect(urls.postsTo('forged')).toHaveLength(0);
      expect(app.turns.hasConversation('slack:T1:C9:9.1')).toBe(false);
    });

    it('rejects a correctly signed request older than 5 minutes with 401 and changes nothing', async () => {
      const old = Math.floor(Date.now() / 1000) - 6 * 60;
      const body = eventBody('EvOLD', {
        type: 'app_mention',
        channel: 'C9',
        user: 'U1',
        text: 'x',
        ts: '9.2',
      });
      const res = await postSigned(endpoint, body, 'application/json', { secret: SECRET, timestampSec: old });
      expect(res.status).toBe(401);
      await new Promise((r) => setTimeout(r, 200));
      expect(api.calls).toHaveLength(0);
      // The same event, freshly signed, is accepted: the 401 was about the timestamp, not the payload.
      const fresh = await postSigned(endpoint, body, 'application/json', { secret: SECRET });
      expect(fresh.status).toBe(200);
      await api.waitFor((c) => c.some((x) => x.method === 'chat.postMessage' && x.args.channel === 'C9'));
    });
  });

  describe('logs and limits (a second Slack instance with a capturing logger)', () => {
    let lines: string[];
    let second: RunningSlack;
    let secondEndpoint: string;

    beforeAll(async () => {
      lines = [];
      const sink = new Writable({
        write(chunk: Buffer, _enc, done) {
          lines.push(chunk.toString());
          done();
        },
      });
      const logger = createLogger({ level: 'debug', secrets: [TOKEN, SECRET], destination: sink });
      second = await startSlack(
        { ...app, logger },
        { port: 0, limiter: new SlidingWindowLimiter({ limit: 1, windowMs: 60_000 }) },
      );
      secondEndpoint = `http://127.0.0.1:${second.port}/slack/events`;
    });
    afterAll(() => second?.stop());
    afterEach(() => api.reset());

    it('logs a failure with the same reference id the person sees, and never a token or secret', async () => {
      const original = app.turns.handle.bind(app.turns);
      app.turns.handle = () => Promise.reject(new Error(`boom with ${TOKEN}`));
      try {
        const body = eventBody('EvLOG1', {
          type: 'message',
          channel: 'D5',
          channel_type: 'im',
          user: 'U6',
          text: 'sad',
          ts: '5.1',
        });
        await postSigned(secondEndpoint, body, 'application/json', { secret: SECRET });
        const [post] = (
          await api.waitFor((c) => c.some((x) => x.method === 'chat.postMessage' && x.args.channel === 'D5'))
        ).filter((c) => c.method === 'chat.postMessage' && c.args.channel === 'D5');
        const ref = /ref `([A-Z0-9]+)`/.exec(textOf(blocksOf(post!)))![1]!;
        expect(lines.some((l) => l.includes(ref) && l.includes('slack listener failed'))).toBe(true);
      } finally {
        app.turns.handle = original;
      }
      const all = lines.join('');
      expect(all.length).toBeGreaterThan(0);
      expect(all).not.toContain(TOKEN);
      expect(all).not.toContain(SECRET);
    });

    it('tells a person who is going too fast to wait, instead of answering', async () => {
      const dm = (ts: string) =>
        postSigned(
          secondEndpoint,
          eventBody(`EvRL${ts}`, {
            type: 'message',
            channel: 'D6',
            channel_type: 'im',
            user: 'U7',
            text: 'tired',
            ts,
          }),
          'application/json',
          { secret: SECRET },
        );
      await dm('6.1');
      await api.waitFor((c) => c.some((x) => x.method === 'chat.postMessage'));
      await dm('6.2');
      const posts = (
        await api.waitFor((c) => c.filter((x) => x.method === 'chat.postMessage').length >= 2)
      ).filter((c) => c.method === 'chat.postMessage');
      expect(textOf(blocksOf(posts[1]!))).toMatch(/going fast/);
    });
  });
});
