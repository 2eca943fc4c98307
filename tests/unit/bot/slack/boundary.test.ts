import { describe, expect, it } from 'vitest';
import { webApi } from '@slack/bolt';
import { slackErrorOf } from '../../../../bot/slack/boundary.js';

function platformError(data: Record<string, unknown>): Error {
  // The shape the WebClient throws for `{ ok: false, error }` answers (ErrorCode.PlatformError with `data`).
  return Object.assign(new Error(`An API error occurred: ${String(data.error)}`), {
    code: webApi.ErrorCode.PlatformError,
    data: { ok: false, ...data },
  });
}

describe('slackErrorOf', () => {
  it('reads the Slack error code and the missing scope', () => {
    expect(slackErrorOf(platformError({ error: 'missing_scope', needed: 'chat:write' }))).toEqual({
      code: 'missing_scope',
      needed: 'chat:write',
    });
  });

  it("finds it under Bolt's wrapper (original) and under { cause }", () => {
    const inner = platformError({ error: 'not_in_channel' });
    expect(slackErrorOf(Object.assign(new Error('wrapped'), { original: inner }))).toEqual({
      code: 'not_in_channel',
    });
    expect(slackErrorOf(new Error('outer', { cause: inner }))).toEqual({ code: 'not_in_channel' });
  });

  it('returns undefined for errors that are not Slack API answers', () => {
    expect(slackErrorOf(new Error('agent exploded'))).toBeUndefined();
    expect(slackErrorOf(undefined)).toBeUndefined();
    expect(slackErrorOf('text')).toBeUndefined();
  });
});
