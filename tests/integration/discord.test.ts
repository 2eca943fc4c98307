/**
 * The real discord.js Client against a loopback Discord (REST + gateway in tests/fakes/discord-fake.ts) over
 * the real app (offline planner, fixture catalog). Every scenario dispatches real gateway events and checks
 * the REST calls the bot makes.
 */
import { Writable } from 'node:stream';
import { ChannelType, PermissionFlagsBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { App } from '../../bot/app.js';
import type { RunningChannel } from '../../bot/channels.js';
import { LASTFM_NOT_CONFIGURED_TEXT } from '../../bot/discord/commands/lastfm.js';
import { DISCORD_HELP_TEXT } from '../../bot/discord/commands/moodtune.js';
import {
  EXPIRED_TEXT,
  STALE_SONG_TEXT,
  UNKNOWN_BUTTON_TEXT,
} from '../../bot/discord/events/interaction-create.js';
import { startDiscord } from '../../bot/discord/main.js';
import { createLogger } from '../../core/logger.js';
import {
  BOT_PERMISSIONS,
  discordError,
  FakeDiscord,
  guild,
  rateLimited,
  snowflake,
  user,
  type RestCall,
} from '../fakes/discord-fake.js';
import type { Place } from '../fakes/discord-fake.js';
import { createTestApp } from '../helpers/test-app.js';

const EPHEMERAL = 64;

describe('Discord adapter over a loopback Discord', () => {
  let fake: FakeDiscord;
  let app: App;
  let cleanup: () => Promise<void>;
  let running: RunningChannel;
  const logLines: string[] = [];
  const server = guild('Test server');
  const general = server.channels[0]!;
  const inGeneral = (appPermissions: bigint = BOT_PERMISSIONS): Place => ({
    channelId: general.id,
    guildId: server.id,
    channelType: ChannelType.GuildText,
    appPermissions,
  });

  beforeAll(async () => {
    fake = await FakeDiscord.start({ heartbeatMs: 500 });
    fake.addGuild(server);
    ({ app, cleanup } = await createTestApp({
      DISCORD_TOKEN: fake.token,
      DISCORD_APP_ID: fake.appId,
      DISCORD_API_URL: fake.apiUrl,
    }));
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(chunk.toString('utf8'));
        done();
      },
    });
    const logger = createLogger({ level: 'debug', secrets: [fake.token], destination });
    running = await startDiscord(app, { logger });
  });
  afterAll(async () => {
    await running?.stop();
    await fake?.stop();
    await cleanup?.();
  });

  const callsTo = (method: string, path: string) =>
    fake.calls.filter((c) => c.method === method && c.path === path);
  const posted = (channelId: string) =>
    callsTo('POST', `/channels/${channelId}/messages`).filter((c) => c.status < 300);
  /** Waits until the channel has `count` successful bot messages and returns them. */
  async function messagesIn(channelId: string, count: number): Promise<RestCall[]> {
    await fake.waitUntil(() => posted(channelId).length >= count, `${count} messages in ${channelId}`);
    return posted(channelId);
  }
  const songLines = (call: RestCall): string[] =>
    String(call.body.embeds?.[0]?.description ?? '')
      .split('\n')
      .filter((l) => /^\*\*\d+\.\*\* /.test(l));
  const customIds = (call: RestCall): string[] =>
    (call.body.components ?? []).flatMap((row) => row.components.map((c) => c.custom_id ?? ''));
  const selectOf = (call: RestCall) =>
    (call.body.components ?? []).flatMap((row) => row.components).find((c) => c.type === 3)!;
  /** The bot's message as it appears in a component interaction. */
  const asMessage = (call: RestCall) => ({ ...call.response, components: call.body.components ?? [] });
  const callback = (interaction: { id: string; token: string }) =>
    fake.waitForCall(
      (c) =>
        c.method === 'POST' && c.path === `/interactions/${interaction.id}/${interaction.token}/callback`,
    );
  const original = (interaction: { token: string }, nth = 1) =>
    fake
      .waitUntil(
        () =>
          callsTo('PATCH', `/webhooks/${fake.appId}/${interaction.token}/messages/@original`).length >= nth,
        `edit #${nth} of @original`,
      )
      .then(
        () => callsTo('PATCH', `/webhooks/${fake.appId}/${interaction.token}/messages/@original`)[nth - 1]!,
      );

  it('connects with minimal intents, identifying once with the bot token', () => {
    expect(fake.gateway.record.identifies).toHaveLength(1);
    const { intents, token } = fake.gateway.record.identifies[0]!;
    expect(token).toBe(fake.token);
    // Guilds | GuildMessages | DirectMessages | MessageContent — nothing else.
    expect(intents).toBe(1 | (1 << 9) | (1 << 12) | (1 << 15));
    expect(fake.calls[0]).toMatchObject({
      method: 'GET',
      path: '/gateway/bot',
      authorization: `Bot ${fake.token}`,
    });
  });

  it('holds a DM conversation over three turns, typing first, never repeating a song', async () => {
    const dm = fake.dmChannel();
    const alice = user('alice');
    const say = (content: string) => fake.sendMessage({ channelId: dm.channelId, author: alice, content });

    say('I feel heartbroken and lonely, let me sit with it');
    const [first] = await messagesIn(dm.channelId, 1);
    expect(songLines(first!)).toHaveLength(5);
    expect(first!.body.embeds![0]!.description).toMatch(/\]\(https:\/\/open\.spotify\.com\//);
    expect(first!.body.allowed_mentions).toEqual({ parse: [], replied_user: false });

    say('more');
    const second = (await messagesIn(dm.channelId, 2))[1]!;
    say('only Spanish');
    const third = (await messagesIn(dm.channelId, 3))[2]!;

    const titles = [first!, second, third].flatMap(songLines);
    expect(songLines(second).length).toBeGreaterThan(0);
    expect(new Set(titles).size).toBe(titles.length);
    expect(third.body.embeds![0]!.title).toMatch(/Spanish/i);
    // Typing before each answer.
    expect(callsTo('POST', `/channels/${dm.channelId}/typing`).length).toBeGreaterThanOrEqual(3);
    expect(app.store.get(`discord:dm:${dm.channelId}`).turns).toBe(3);
  });

  it('answers a mention in a guild channel by quoting it, and ignores unmentioned chatter and bots', async () => {
    const bob = user('bob');
    const otherBot = user('otherbot', true);
    const before = posted(general.id).length;
    fake.sendMessage({
      channelId: general.id,
      guildId: server.id,
      author: bob,
      content: 'just chatting, no bot here',
    });
    fake.sendMessage({
      channelId: general.id,
      guildId: server.id,
      author: otherBot,
      content: `<@${fake.bot.id}> I feel restless and anxious`,
      mentions: [fake.bot],
    });
    const mention = fake.sendMessage({
      channelId: general.id,
      guildId: server.id,
      author: bob,
      content: `<@${fake.bot.id}> I'm so happy today, I want to dance`,
      mentions: [fake.bot],
    });
    const reply = (await messagesIn(general.id, before + 1))[before]!;
    expect(reply.body.message_reference).toMatchObject({ message_id: mention.id });
    expect(songLines(reply).length).toBe(5);
    // Only the human mention was answered.
    await new Promise((r) => setTimeout(r, 300));
    expect(posted(general.id)).toHaveLength(before + 1);
    expect(app.turns.hasConversation(`discord:${server.id}:${general.id}`)).toBe(true);
  });

  it('/mood defers at once, edits @original with songs and buttons, opens a thread, and continues there', async () => {
    const carol = user('carol');
    const interaction = fake.slashCommand(inGeneral(), carol, {
      name: 'mood',
      options: [
        { name: 'feeling', value: 'rough day, feeling numb, I want something that slowly picks me up' },
      ],
    });
    const deferred = await callback(interaction);

    expect(deferred.body).toMatchObject({ type: 5 });
    const first = await original(interaction, 1);
    // The callback came first: nothing was edited before the deferral.
    expect(fake.calls.indexOf(deferred)).toBeLessThan(fake.calls.indexOf(first));
    expect(songLines(first)).toHaveLength(5);
    expect(first.body.components!.length).toBeLessThanOrEqual(5);

    const thread = await fake.waitForCall(
      (c) =>
        c.method === 'POST' && c.path === `/channels/${general.id}/messages/${first.response.id}/threads`,
    );
    expect(thread.body.name).toMatch(/^🎧 rough day/);
    const threadId = thread.response.id as string;
    // The buttons now point at the thread's conversation, which holds the answer.
    const second = await original(interaction, 2);
    expect(customIds(second).every((id) => id.includes(`:${server.id}:${threadId}`))).toBe(true);
    await messagesIn(threadId, 1); // "reply here to keep going"
    const conversation = `discord:${server.id}:${threadId}`;
    expect(app.store.get(conversation).lastCards).toHaveLength(5);
    expect(app.turns.hasConversation(`discord:${server.id}:${interaction.id}`)).toBe(false);

    // A reply in the thread, without mentioning the bot, continues the conversation.
    fake.sendMessage({
      channelId: threadId,
      guildId: server.id,
      author: carol,
      content: 'more',
      channelType: ChannelType.PublicThread,
    });
    const more = (await messagesIn(threadId, 2))[1]!;
    expect(songLines(more).length).toBeGreaterThan(0);
    expect(callsTo('POST', `/channels/${threadId}/typing`).length).toBeGreaterThan(0);
    expect(app.store.get(conversation).turns).toBe(2);

    // A button on the /mood answer (in the channel) answers in the thread and says so privately.
    const press = fake.pressComponent(inGeneral(), carol, {
      customId: customIds(second).find((id) => id.startsWith('mt1:calmer:'))!,
      message: { ...second.response, components: second.body.components },
    });
    expect((await callback(press)).body).toMatchObject({ type: 5, data: { flags: EPHEMERAL } });
    await messagesIn(threadId, 3);
    expect((await original(press)).body.content).toContain(`<#${threadId}>`);
  });

  it('/similar finds the song by fuzzy title and answers with songs like it', async () => {
    const dave = user('dave');
    const dm = fake.dmChannel();
    const interaction = fake.slashCommand(dm, dave, {
      name: 'similar',
      options: [{ name: 'song', value: 'skiny love bon iver' }],
    });
    expect((await callback(interaction)).body.type).toBe(5);
    const edit = await original(interaction);
    expect(edit.body.embeds![0]!.title).toMatch(/Skinny Love/);
    expect(songLines(edit).length).toBeGreaterThan(0);
    expect(songLines(edit).join('\n')).not.toMatch(/\[Skinny Love\]/);
  });

  it('/similar suggests catalog songs while the title is typed', async () => {
    const typing = fake.typeInOption(fake.dmChannel(), user('dora'), {
      name: 'similar',
      option: 'song',
      typed: 'skinny lov',
    });
    const answer = await callback(typing);
    expect(answer.body.type).toBe(8);
    const choices = (answer.body.data as { choices: { name: string; value: string }[] }).choices;
    expect(choices[0]).toEqual({ name: 'Skinny Love by Bon Iver', value: 'Skinny Love by Bon Iver' });
    expect(choices.length).toBeLessThanOrEqual(25);
  });

  it('/moodtune help and /lastfm answer privately at once', async () => {
    const erin = user('erin');
    const help = fake.slashCommand(inGeneral(), erin, { name: 'moodtune', subcommand: { name: 'help' } });
    expect((await callback(help)).body).toMatchObject({
      type: 4,
      data: { content: DISCORD_HELP_TEXT, flags: EPHEMERAL },
    });
    for (const sub of ['link', 'unlink', 'status']) {
      const lastfm = fake.slashCommand(inGeneral(), erin, { name: 'lastfm', subcommand: { name: sub } });
      expect((await callback(lastfm)).body).toMatchObject({
        type: 4,
        data: { content: LASTFM_NOT_CONFIGURED_TEXT, flags: EPHEMERAL },
      });
    }
    expect(LASTFM_NOT_CONFIGURED_TEXT).toMatch(/not configured yet/);
  });

  it('each button and the "More like…" menu take a turn with its action', async () => {
    // Two conversations so the 24-song fixture catalog does not run out of unseen songs.
    const open = async (who: ReturnType<typeof user>, feeling: string) => {
      const dm = fake.dmChannel();
      fake.sendMessage({ channelId: dm.channelId, author: who, content: feeling });
      const [answer] = await messagesIn(dm.channelId, 1);
      const ids = customIds(answer!);
      const press = async (verb: string, values?: string[]) => {
        const interaction = fake.pressComponent(dm, who, {
          customId: ids.find((id) => id.split(':')[1] === verb)!,
          ...(values ? { values } : {}),
          message: asMessage(answer!),
        });
        expect((await callback(interaction)).body).toMatchObject({ type: 5 });
        return (await original(interaction)).body;
      };
      return { answer: answer!, ids, press, conversation: `discord:dm:${dm.channelId}` };
    };

    const a = await open(user('frank'), 'I feel calm and peaceful, stay with that');
    expect(a.ids.map((id) => id.split(':')[1])).toEqual(
      expect.arrayContaining(['more', 'lift', 'calmer', 'surprise', 'up', 'down', 'pick']),
    );
    const option = selectOf(a.answer).options![1]!;
    const seedTitle = String(option.label)
      .replace(/^\d+\. /, '')
      .split(' — ')[0];
    expect((await a.press('pick', [option.value])).embeds![0]!.title).toContain(`More like “${seedTitle}”`);
    const shownBefore = app.store.get(a.conversation).shownIds.length;
    expect(songLinesOf(await a.press('more'))).not.toHaveLength(0);
    expect(app.store.get(a.conversation).shownIds.length).toBeGreaterThan(shownBefore);
    expect((await a.press('lift')).embeds![0]!.title).toMatch(/lift/i);

    const b = await open(user('grace'), 'I feel happy and energetic, let us dance');
    expect((await b.press('calmer')).embeds![0]!.title).toMatch(/calmer/i);
    expect((await b.press('surprise')).embeds![0]!.title).toMatch(/something different/i);
    expect((await b.press('up')).content).toMatch(/^Glad/);
    expect(app.store.get(b.conversation).likedIds.length).toBeGreaterThan(0);
    expect((await b.press('down')).content).toMatch(/won't suggest those again/);
    expect(app.store.get(b.conversation).dislikedIds.length).toBeGreaterThan(0);
  });

  function songLinesOf(body: RestCall['body']): string[] {
    return String(body.embeds?.[0]?.description ?? '')
      .split('\n')
      .filter((l) => /^\*\*\d+\.\*\* /.test(l));
  }

  it('waits out a 429 with retry-after on the message endpoint and answers exactly once', async () => {
    const dm = fake.dmChannel();
    const path = `/channels/${dm.channelId}/messages`;
    fake.rest.inject(rateLimited('POST', new RegExp(`^${path}$`), 0.3));
    fake.sendMessage({
      channelId: dm.channelId,
      author: user('heidi'),
      content: 'feeling nostalgic and a bit sad',
    });
    await messagesIn(dm.channelId, 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(callsTo('POST', path).map((c) => c.status)).toEqual([429, 200]);
    expect(logLines.some((l) => l.includes('discord rate limited'))).toBe(true);
  });

  it('resumes the session after the gateway closes with 4000, then keeps answering', async () => {
    const identifies = fake.gateway.record.identifies.length;
    fake.gateway.close(4000);
    await fake.waitUntil(() => fake.gateway.record.resumes.length === 1, 'RESUME');
    const resume = fake.gateway.record.resumes[0]!;
    expect(resume).toMatchObject({
      session_id: fake.gateway.sessionId,
      token: fake.token,
      path: '/gateway-resume',
    });
    expect(resume.seq).toBeGreaterThan(0);
    expect(fake.gateway.record.identifies).toHaveLength(identifies);
    await fake.waitUntil(() => fake.gateway.connected, 'reconnection');
    const dm = fake.dmChannel();
    fake.sendMessage({
      channelId: dm.channelId,
      author: user('ivan'),
      content: 'I feel hopeful and excited',
    });
    await messagesIn(dm.channelId, 1);
  });

  describe('bad input', () => {
    it('answers an empty DM and a huge one kindly, within Discord limits', async () => {
      const dm = fake.dmChannel();
      const judy = user('judy');
      fake.sendMessage({ channelId: dm.channelId, author: judy, content: '' });
      const [empty] = await messagesIn(dm.channelId, 1);
      expect(empty!.body.content).toMatch(/didn't catch any words/);
      fake.sendMessage({
        channelId: dm.channelId,
        author: judy,
        content: `I feel lonely and sad. ${'blah '.repeat(3000)}`,
      });
      const huge = (await messagesIn(dm.channelId, 2))[1]!;
      expect(huge.body.content!.length).toBeLessThanOrEqual(2000);
      expect(huge.body.content!).toMatch(/long message/);
    });

    it('says so when someone goes over 6 turns a minute', async () => {
      const dm = fake.dmChannel();
      const kim = user('kim');
      for (let i = 0; i < 7; i++)
        fake.sendMessage({ channelId: dm.channelId, author: kim, content: 'hello' });
      const all = await messagesIn(dm.channelId, 7);
      expect(all.filter((c) => /You're going fast/.test(c.body.content ?? ''))).toHaveLength(1);
    });

    it('answers unknown, stale and expired buttons privately without taking a turn', async () => {
      const dm = fake.dmChannel();
      const leo = user('leo');
      fake.sendMessage({
        channelId: dm.channelId,
        author: leo,
        content: 'I feel happy and energetic, let us dance',
      });
      const [answer] = await messagesIn(dm.channelId, 1);
      const conversation = `discord:dm:${dm.channelId}`;
      const turns = app.store.get(conversation).turns;
      const pickId = selectOf(answer!).custom_id as string;
      const tell = async (customId: string, values?: string[]) => {
        const i = fake.pressComponent(dm, leo, {
          customId,
          ...(values ? { values } : {}),
          message: asMessage(answer!),
        });
        const cb = await callback(i);
        expect(cb.body).toMatchObject({ type: 4, data: { flags: EPHEMERAL } });
        return cb.body.data!.content!;
      };
      expect(await tell('some-other-bot:button')).toBe(UNKNOWN_BUTTON_TEXT);
      expect(await tell(`mt1:more:dm:${dm.channelId}:x:y`)).toBe(UNKNOWN_BUTTON_TEXT);
      expect(await tell(pickId, ['zzzzzz'])).toBe(STALE_SONG_TEXT);
      expect(await tell(`mt1:more:dm:${snowflake()}`)).toBe(EXPIRED_TEXT);
      expect(app.store.get(conversation).turns).toBe(turns);
      app.store.delete(conversation); // as if the conversation expired
      expect(await tell(customIds(answer!)[0]!)).toBe(EXPIRED_TEXT);
    });

    it('without Create Public Threads and Embed Links, /mood answers in plain text and names both permissions', async () => {
      const perms =
        BOT_PERMISSIONS & ~PermissionFlagsBits.CreatePublicThreads & ~PermissionFlagsBits.EmbedLinks;
      const interaction = fake.slashCommand(inGeneral(perms), user('mallory'), {
        name: 'mood',
        options: [{ name: 'feeling', value: 'I feel excited and joyful' }],
      });
      await callback(interaction);
      const edit = await original(interaction);
      expect(edit.body.embeds).toEqual([]);
      expect(edit.body.content!).toContain('**Create Public Threads**');
      expect(edit.body.content!).toContain('**Embed Links**');
      expect(edit.body.content!).toMatch(/open\.spotify\.com/);
      expect(edit.body.content!.length).toBeLessThanOrEqual(2000);
      expect(fake.calls.some((c) => c.path.endsWith(`/messages/${edit.response.id}/threads`))).toBe(false);
    });

    it('when Discord refuses the thread (50013), stays in the channel and says why', async () => {
      fake.rest.inject(discordError('POST', /\/threads$/, 403, 50013, 'Missing Permissions'));
      const interaction = fake.slashCommand(inGeneral(), user('nina'), {
        name: 'mood',
        options: [{ name: 'feeling', value: 'I feel excited and energetic' }],
      });
      await callback(interaction);
      const second = await original(interaction, 2);
      expect(second.body.content).toContain('**Create Public Threads**');
      expect(customIds(second).every((id) => id.includes(`:${server.id}:${general.id}`))).toBe(true);
      expect(app.store.get(`discord:${server.id}:${general.id}`).lastCards.length).toBeGreaterThan(0);
    });

    it('survives a user whose DMs are closed (50007) and keeps serving others', async () => {
      const closed = fake.dmChannel();
      fake.rest.inject(
        discordError(
          'POST',
          new RegExp(`^/channels/${closed.channelId}/messages$`),
          403,
          50007,
          'Cannot send messages to this user',
        ),
      );
      fake.sendMessage({ channelId: closed.channelId, author: user('oscar'), content: 'I feel sad' });
      await fake.waitForCall((c) => c.path === `/channels/${closed.channelId}/messages` && c.status === 403);
      await fake.waitUntil(() => logLines.some((l) => l.includes('cannot DM this user')), 'log line');
      const open = fake.dmChannel();
      fake.sendMessage({ channelId: open.channelId, author: user('peggy'), content: 'I feel happy' });
      await messagesIn(open.channelId, 1);
      expect(posted(closed.channelId)).toHaveLength(0);
    });

    it('one error boundary: a failure is logged with a reference (no tokens) and the person gets that reference', async () => {
      const interaction = fake.slashCommand(inGeneral(), user('quinn'), {
        name: 'mood',
        options: [{ name: 'feeling', value: 'I feel bored' }],
      });
      const spy = vi
        .spyOn(app.turns, 'handle')
        .mockRejectedValueOnce(
          new Error(`boom at /interactions/${interaction.id}/${interaction.token}/callback`),
        );
      try {
        await callback(interaction);
        const edit = await original(interaction);
        const ref = /\(ref ([A-Z0-9]{4,8})\)/.exec(edit.body.content!)?.[1];
        expect(ref).toBeDefined();
        await fake.waitUntil(() => logLines.some((l) => l.includes(ref!)), 'error log');
        const line = logLines.find((l) => l.includes(ref!))!;
        expect(line).toContain('discord handler failed');
        expect(line).toContain('[token]');
      } finally {
        spy.mockRestore();
      }
    });

    it('never writes the bot token or an interaction token to the log', () => {
      const all = logLines.join('');
      expect(all.length).toBeGreaterThan(0);
      expect(all).not.toContain(fake.token);
      const tokens = fake.calls
        .map((c) => /\/(?:interactions\/\d+|webhooks\/\d+)\/([^/]+)/.exec(c.path)?.[1])
        .filter(Boolean);
      expect(tokens.length).toBeGreaterThan(0);
      for (const token of tokens) expect(all).not.toContain(token);
    });
  });
});
