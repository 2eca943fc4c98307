import { Writable } from 'node:stream';
import type { DestinationStream } from 'pino';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../core/logger.js';
import { UpstreamError } from '../../../core/errors.js';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, destination: destination as unknown as DestinationStream };
}

describe('logger redaction', () => {
  const secret = 'gsk_live_0123456789abcdef';

  it('redacts secret keys wherever they sit in logged objects', () => {
    const { lines, destination } = capture();
    const log = createLogger({ destination });
    log.info(
      {
        token: 'discord-token-value',
        config: { apiKey: 'k-123456789' },
        headers: { authorization: 'Bearer abcdefghijkl' },
      },
      'x',
    );
    const out = lines.join('');
    expect(out).not.toContain('discord-token-value');
    expect(out).not.toContain('k-123456789');
    expect(out).not.toContain('abcdefghijkl');
    expect(out).toContain('[REDACTED]');
  });

  it('scrubs known secret values from messages, errors and stacks', () => {
    const { lines, destination } = capture();
    const log = createLogger({ destination, secrets: [secret] });
    const error = new UpstreamError('groq', `401 for key ${secret}`, {
      status: 401,
      body: `{"error":"bad key ${secret}"}`,
    });
    log.error({ err: error, body: error.body }, `calling groq with ${secret} failed`);
    const out = lines.join('');
    expect(out).not.toContain(secret);
    expect(out).toContain('401 for key [REDACTED]');
  });

  it('scrubs token shapes it was not told about (bearer, Slack, Groq)', () => {
    const { lines, destination } = capture();
    const log = createLogger({ destination });
    log.warn(
      'upstream said Authorization: Bearer abc.def.ghi and xoxb-1234567890-abcdef and gsk_abcdefghijklmnop',
    );
    const out = lines.join('');
    expect(out).not.toMatch(/abc\.def\.ghi|xoxb-1234567890|gsk_abcdefghijklmnop/);
  });
});
