import type { Logger } from 'pino';
import { isTransient } from '../clients/qdrant/call.js';
import { AppError, UpstreamError, UserFacingError } from '../errors.js';
import type {
  IndexedTrack,
  ScoredTrack,
  SearchQuery,
  TrackIndex,
  VectorName,
  VectorSpec,
} from './track-index.js';

export interface DeferredTrackIndexOptions {
  /** Human-readable name of the store for logs, without credentials (e.g. "Qdrant at http://qdrant:6333"). */
  label: string;
  /** Runs once the inner index is open and before it serves (e.g. syncing the catalog into it). */
  prepare?: (index: TrackIndex) => Promise<void>;
  /** Waits between attempts; the last one repeats forever (default 1 s, 2 s, 5 s, 10 s, then every 30 s). */
  delaysMs?: readonly number[];
  logger?: Logger;
}

type State = 'starting' | 'ready' | 'failed' | 'closed';

const UNAVAILABLE =
  "I can't search for songs right now: my music index is unreachable. I'm reconnecting on my own — please try again in a minute.";
const BROKEN =
  "I can't search for songs right now: my music index is misconfigured. The person running me has been told what to fix.";

/**
 * Wraps a remote index so the app starts even when the store is down: `open` tries once and, on an outage,
 * keeps retrying in the background; until it is ready every call fails with a UserFacingError that says search
 * is unavailable. Errors that waiting cannot fix (wrong API key, vector mismatch) are logged once, clearly, and
 * not retried.
 */
export class DeferredTrackIndex implements TrackIndex {
  private state: State = 'starting';
  private spec: VectorSpec = {};
  private attempts = 0;
  private timer: NodeJS.Timeout | undefined;
  private lastError: Error | undefined;
  private waiters: { resolve: () => void; reject: (e: Error) => void }[] = [];

  constructor(
    private readonly inner: TrackIndex,
    private readonly options: DeferredTrackIndexOptions,
  ) {}

  get kind(): string {
    return this.inner.kind;
  }

  /** Whether searches are served now. */
  get ready(): boolean {
    return this.state === 'ready';
  }

  /** Makes the first attempt; never rejects for an outage (the retries continue in the background). */
  async open(spec: VectorSpec): Promise<void> {
    this.spec = spec;
    await this.attempt();
  }

  /** Resolves once the index serves; rejects if it failed for good or was closed. */
  whenReady(): Promise<void> {
    if (this.state === 'ready') return Promise.resolve();
    if (this.state !== 'starting') return Promise.reject(this.lastError ?? new AppError('index closed'));
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  private settle(error?: Error): void {
    for (const w of this.waiters.splice(0)) {
      if (error) w.reject(error);
      else w.resolve();
    }
  }

  private async attempt(): Promise<void> {
    if (this.state !== 'starting') return;
    this.attempts++;
    const log = this.options.logger;
    try {
      await this.inner.open(this.spec);
      await this.options.prepare?.(this.inner);
    } catch (raw) {
      const error = raw instanceof Error ? raw : new Error(String(raw));
      this.lastError = error;
      if (this.state !== 'starting') return;
      if (error instanceof UpstreamError && isTransient(error)) {
        const delays = this.options.delaysMs ?? [1000, 2000, 5000, 10_000, 30_000];
        const delay = delays[Math.min(this.attempts - 1, delays.length - 1)] ?? 30_000;
        log?.warn(
          { attempt: this.attempts, retryInMs: delay, reason: error.message },
          `${this.options.label} is unavailable: song search is off until it answers; retrying in the background`,
        );
        this.timer = setTimeout(() => void this.attempt(), delay);
        this.timer.unref();
        return;
      }
      this.state = 'failed';
      log?.error(
        { reason: error.message },
        `${this.options.label} cannot be used: song search stays off until this is fixed and the bot restarted`,
      );
      this.settle(error);
      return;
    }
    if (this.state !== 'starting') return;
    this.state = 'ready';
    if (this.attempts > 1)
      log?.info({ attempts: this.attempts }, `${this.options.label} is back: song search is on`);
    this.settle();
  }

  private serving(): TrackIndex {
    if (this.state === 'ready') return this.inner;
    if (this.state === 'failed') throw new UserFacingError(BROKEN, { cause: this.lastError });
    if (this.state === 'closed') throw new AppError('index closed');
    throw new UserFacingError(UNAVAILABLE, { cause: this.lastError });
  }

  async upsert(items: readonly IndexedTrack[]): Promise<void> {
    await this.serving().upsert(items);
  }

  async search(query: SearchQuery): Promise<ScoredTrack[]> {
    return this.serving().search(query);
  }

  async get(ids: readonly string[], withVectors?: readonly VectorName[]): Promise<ScoredTrack[]> {
    return this.serving().get(ids, withVectors);
  }

  async count(): Promise<number> {
    return this.serving().count();
  }

  async close(): Promise<void> {
    clearTimeout(this.timer);
    const wasReady = this.state === 'ready';
    this.state = 'closed';
    this.settle(new AppError('index closed'));
    if (wasReady) await this.inner.close();
  }
}
