import { pino, type Logger, type DestinationStream, type LevelWithSilent } from 'pino';

export type { Logger } from 'pino';

/** Keys whose values never reach a log line, wherever they appear (two levels deep). */
const SECRET_KEYS = [
  'token',
  'apiKey',
  'api_key',
  'apiSecret',
  'secret',
  'password',
  'authorization',
  'Authorization',
  'signingSecret',
  'botToken',
  'appToken',
  'clientSecret',
  'sessionKey',
  'sk',
  'api_sig',
  'cookie',
];
const REDACT_PATHS = [
  ...SECRET_KEYS,
  ...SECRET_KEYS.map((k) => `*.${k}`),
  ...SECRET_KEYS.map((k) => `*.*.${k}`),
  'headers.authorization',
  'req.headers.authorization',
  'config.headers.Authorization',
];

export interface LoggerOptions {
  level?: LevelWithSilent;
  /** Literal secret values (API keys, tokens) scrubbed from every line, even inside messages and stacks. */
  secrets?: readonly string[];
  destination?: DestinationStream;
}

/** The one root logger. Modules take `logger.child({ component: '…' })`. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const secrets = (options.secrets ?? []).filter((s) => s.length >= 6);
  const scrub = (line: string): string => {
    let out = line;
    for (const secret of secrets) out = out.split(secret).join('[REDACTED]');
    // Bearer tokens and common key shapes that were not in config (e.g. echoed back by a server).
    return out
      .replace(/Bearer\s+[A-Za-z0-9._~+/-]+=*/g, 'Bearer [REDACTED]')
      .replace(/\b(gsk|xox[abprs]|xapp)[-_][A-Za-z0-9-]{8,}/g, '[REDACTED]');
  };
  const target = options.destination ?? pino.destination({ dest: 2, sync: true });
  const scrubbing: DestinationStream = { write: (line: string) => target.write(scrub(line)) };
  return pino(
    {
      level: options.level ?? 'info',
      redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
      base: undefined,
      serializers: { err: pino.stdSerializers.err },
    },
    scrubbing,
  );
}

/** A logger that drops everything (tests, benchmarks). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
