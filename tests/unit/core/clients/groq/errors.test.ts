import { describe, expect, it } from 'vitest';
import Groq from 'groq-sdk';
import { parseRetryAfterMs } from '../../../../../core/clients/groq/client.js';
import { GroqBudgetError, toGroqError } from '../../../../../core/clients/groq/errors.js';

const headers = (h: Record<string, string>) => new Headers(h);

describe('toGroqError', () => {
  it.each([
    [Groq.APIError.generate(401, { error: { message: 'bad key' } }, undefined, headers({})), 'unauthorized'],
    [Groq.APIError.generate(429, {}, undefined, headers({ 'retry-after': '7' })), 'rate_limited'],
    [Groq.APIError.generate(500, {}, undefined, headers({})), 'server_error'],
    [Groq.APIError.generate(502, {}, undefined, headers({})), 'server_error'],
    [Groq.APIError.generate(400, {}, undefined, headers({})), 'bad_response'],
    [new Groq.APIConnectionTimeoutError(), 'timeout'],
    [new Groq.APIConnectionError({ cause: new Error('ECONNREFUSED') }), 'network'],
    [new Groq.APIConnectionError({ cause: new GroqBudgetError(9000) }), 'rate_limited'],
    [
      new Error('wrapped', { cause: Groq.APIError.generate(503, {}, undefined, headers({})) }),
      'server_error',
    ],
  ])('maps %s to %s', (error, reason) => {
    expect(toGroqError(error).reason).toBe(reason);
  });

  it('keeps the Retry-After of a 429', () => {
    const e = toGroqError(Groq.APIError.generate(429, {}, undefined, headers({ 'retry-after': '7' })));
    expect(e.retryAfterMs).toBe(7000);
  });
});

describe('parseRetryAfterMs', () => {
  it.each([
    [{ 'retry-after': '2' }, 2000],
    [{ 'retry-after': '0.5' }, 500],
    [{ 'retry-after-ms': '150', 'retry-after': '9' }, 150],
    [{ 'retry-after': new Date(10_000).toUTCString() }, 9000],
    [{}, undefined],
    [{ 'retry-after': 'soon' }, undefined],
  ])('reads %j as %s ms', (h, expected) => {
    expect(parseRetryAfterMs(headers(h as Record<string, string>), 1000)).toBe(expected);
  });
});
