import { describe, expect, it } from 'vitest';
import { loadConfig, secretValues } from '../../../../core/config/index.js';
import { ConfigError } from '../../../../core/errors.js';

describe('loadConfig', () => {
  it('gives working defaults with an empty environment (no keys needed)', () => {
    const config = loadConfig({}, '/repo');
    expect(config.dataDir).toBe('/repo/var');
    expect(config.catalogPath).toBe('/repo/data/catalog.jsonl');
    expect(config.songsPerReply).toBe(5);
    expect(config.groq.apiKey).toBeUndefined();
    expect(config.groq.model).toBe('llama-3.1-8b-instant');
    expect(config.qdrant.url).toBeUndefined();
  });

  it('treats empty strings (as in a copied .env.example) as unset', () => {
    const config = loadConfig({ GROQ_API_KEY: '', QDRANT_URL: '  ', DISCORD_TOKEN: '', DISCORD_APP_ID: '' });
    expect(config.groq.apiKey).toBeUndefined();
    expect(config.qdrant.url).toBeUndefined();
  });

  it('names every bad variable in one error, with how to fix it', () => {
    let error: unknown;
    try {
      loadConfig({
        LOG_LEVEL: 'loud',
        QDRANT_URL: 'not a url',
        MOODTUNE_SONGS_PER_REPLY: '50',
        GROQ_TIMEOUT_MS: 'soon',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    for (const name of ['LOG_LEVEL', 'QDRANT_URL', 'MOODTUNE_SONGS_PER_REPLY', 'GROQ_TIMEOUT_MS'])
      expect(message).toContain(name);
    expect((error as ConfigError).problems).toHaveLength(4);
    expect(message).toContain('one of fatal');
  });

  it.each([
    [{ DISCORD_TOKEN: 'abcdefgh' }, 'DISCORD_TOKEN and DISCORD_APP_ID'],
    [{ SLACK_BOT_TOKEN: 'xoxb-123456' }, 'SLACK_SIGNING_SECRET'],
    [{ LASTFM_API_KEY: 'k1234567' }, 'LASTFM_API_SECRET'],
  ])('reports half-configured services %#', (env, text) => {
    expect(() => loadConfig(env)).toThrow(text);
  });

  it('never puts a secret value in the error', () => {
    expect(() => loadConfig({ DISCORD_TOKEN: 'super-secret-token-value' })).toThrow(
      expect.objectContaining({
        message: expect.not.stringContaining('super-secret-token-value') as string,
      }) as Error,
    );
  });

  it('lists secret values for log scrubbing', () => {
    const config = loadConfig({
      GROQ_API_KEY: 'gsk_abcdef123456',
      QDRANT_URL: 'http://q:6333',
      QDRANT_API_KEY: 'qdrant-key-1',
    });
    expect(secretValues(config)).toEqual(expect.arrayContaining(['gsk_abcdef123456', 'qdrant-key-1']));
  });
});
