/**
 * Every error the application throws on purpose. `name` follows the concrete class so logs say what happened.
 * Wrap lower-level failures with `{ cause }` rather than re-formatting their messages.
 */
export class AppError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Missing or invalid configuration; the message lists every bad variable and how to fix it. */
export class ConfigError extends AppError {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const MAX_BODY_CHARS = 300;

/** A call to an external service failed. Keeps only a truncated body so no large or secret payload is carried. */
export class UpstreamError extends AppError {
  readonly body: string | undefined;
  constructor(
    readonly service: string,
    message: string,
    readonly details: { status?: number; retryAfterMs?: number; body?: string; cause?: unknown } = {},
  ) {
    super(`${service}: ${message}`, { cause: details.cause });
    this.body = details.body === undefined ? undefined : details.body.slice(0, MAX_BODY_CHARS);
  }
  get status(): number | undefined {
    return this.details.status;
  }
  get retryAfterMs(): number | undefined {
    return this.details.retryAfterMs;
  }
}

/**
 * Why a Groq turn gave up and the offline planner answered. Logged and counted; never carries secrets.
 * - `missing_key`: no GROQ_API_KEY; `unauthorized`: 401/403 (bad or revoked key)
 * - `rate_limited`: a 429 whose Retry-After exceeds the wait budget, or our own budget would make the caller wait
 *   longer than GROQ_MAX_WAIT_MS
 * - `server_error`: 5xx; `timeout`: request or turn deadline; `network`: connection refused/reset
 * - `bad_response`: the API answered something we cannot use (400, malformed body)
 * - `malformed_tool_args`: the model produced unparsable tool arguments (or an unknown tool) twice
 * - `ungrounded`: the final answer named songs or links that no tool returned
 */
export type GroqFailureReason =
  | 'missing_key'
  | 'unauthorized'
  | 'rate_limited'
  | 'server_error'
  | 'timeout'
  | 'network'
  | 'bad_response'
  | 'malformed_tool_args'
  | 'ungrounded';

/** A Groq call or turn failed in a way the caller answers with the fallback. `reason` is what gets counted. */
export class GroqError extends UpstreamError {
  constructor(
    readonly reason: GroqFailureReason,
    message: string,
    details: { status?: number; retryAfterMs?: number; body?: string; cause?: unknown } = {},
  ) {
    super('groq', message, details);
  }
}

/** Thrown by the limiter before any request is sent: waiting for budget would exceed the wait budget. */
export class GroqBudgetError extends GroqError {
  constructor(readonly waitMs: number) {
    // The message avoids the words "time out": groq-sdk turns fetch errors that mention them into a
    // cause-less APIConnectionTimeoutError, and we want to keep this class visible through its `cause`.
    super('rate_limited', `rate budget exhausted (would wait ${Math.round(waitMs)} ms)`, {
      status: 429,
      retryAfterMs: Math.round(waitMs),
    });
  }
}

/** A data file (catalog, cache, model) is unreadable; names the file and, where known, the line. */
export class DataFileError extends AppError {
  constructor(
    readonly path: string,
    readonly problems: readonly { line?: number; message: string }[],
    options?: { cause?: unknown },
  ) {
    super(
      `${path}: ${problems
        .slice(0, 20)
        .map((p) => (p.line === undefined ? p.message : `line ${p.line}: ${p.message}`))
        .join('; ')}${problems.length > 20 ? `; and ${problems.length - 20} more` : ''}`,
      options,
    );
  }
}

/** Something the user should be told as is (already kind and free of internals). */
export class UserFacingError extends AppError {}

/** A short reference id for an error, shown to users and logged beside the details. */
export function errorReference(): string {
  return Math.random().toString(36).slice(2, 8).toUpperCase();
}
