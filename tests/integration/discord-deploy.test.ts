import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployCommands } from '../../bot/discord/deploy-commands.js';
import { discordError, FakeDiscord, snowflake } from '../fakes/discord-fake.js';

describe('npm run discord:deploy (deployCommands) against the loopback Discord REST API', () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await FakeDiscord.start();
  });
  afterAll(() => fake.stop());

  it('replaces the guild commands when DISCORD_GUILD_ID is set', async () => {
    const guildId = snowflake();
    const result = await deployCommands({
      token: fake.token,
      appId: fake.appId,
      guildId,
      apiUrl: fake.apiUrl,
    });
    expect(result).toEqual({ scope: 'guild', names: ['mood', 'similar', 'moodtune', 'lastfm'] });
    const call = fake.calls.at(-1)!;
    expect(call).toMatchObject({
      method: 'PUT',
      path: `/applications/${fake.appId}/guilds/${guildId}/commands`,
      authorization: `Bot ${fake.token}`,
    });
    expect((call.body.list as { name: string }[]).map((c) => c.name)).toEqual([
      'mood',
      'similar',
      'moodtune',
      'lastfm',
    ]);
  });

  it('registers globally otherwise', async () => {
    const result = await deployCommands({ token: fake.token, appId: fake.appId, apiUrl: fake.apiUrl });
    expect(result.scope).toBe('global');
    expect(fake.calls.at(-1)).toMatchObject({ method: 'PUT', path: `/applications/${fake.appId}/commands` });
  });

  it('fails with Discord’s error when the token is rejected', async () => {
    fake.rest.inject(discordError('PUT', /\/commands$/, 401, 0, '401: Unauthorized'));
    await expect(deployCommands({ token: 'bad', appId: fake.appId, apiUrl: fake.apiUrl })).rejects.toThrow(
      /Unauthorized/,
    );
  });
});
