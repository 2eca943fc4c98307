import { describe, expect, it } from 'vitest';
import { DeferredTrackIndex } from '../../../../core/catalog/deferred-track-index.js';
import { EmbeddedTrackIndex } from '../../../../core/catalog/embedded-track-index.js';
import type { TrackIndex, VectorSpec } from '../../../../core/catalog/track-index.js';
import { AppError, UpstreamError, UserFacingError } from '../../../../core/errors.js';
import { CONFORMANCE_SPEC, CONFORMANCE_TRACKS } from '../../../helpers/track-index-conformance.js';

/** An in-memory index whose `open` fails with the given errors first (an outage, then recovery). */
class FlakyIndex extends EmbeddedTrackIndex {
  opens = 0;
  constructor(private readonly failures: Error[]) {
    super();
  }
  override async open(spec: VectorSpec): Promise<void> {
    this.opens++;
    const failure = this.failures.shift();
    if (failure) throw failure;
    await super.open(spec);
  }
}

const query = { vector: 'emotion' as const, query: CONFORMANCE_TRACKS[0]!.vectors.emotion, limit: 1 };
const outage = () =>
  new UpstreamError('qdrant', 'checking the collection: Qdrant is unreachable (ECONNREFUSED)');

function deferred(inner: TrackIndex, prepared: string[]) {
  return new DeferredTrackIndex(inner, {
    label: 'Test store',
    delaysMs: [1, 1],
    prepare: async (index) => {
      prepared.push('sync');
      await index.upsert(CONFORMANCE_TRACKS);
    },
  });
}

describe('DeferredTrackIndex', () => {
  it('opens without throwing during an outage, fails searches kindly, then serves after retrying', async () => {
    const inner = new FlakyIndex([outage(), outage(), new UpstreamError('qdrant', 'x', { status: 503 })]);
    const prepared: string[] = [];
    const index = deferred(inner, prepared);
    await index.open(CONFORMANCE_SPEC);
    expect(index.ready).toBe(false);
    const error = (await index.search(query).catch((e: unknown) => e)) as UserFacingError;
    expect(error).toBeInstanceOf(UserFacingError);
    expect(error.message).toMatch(/unreachable.*try again in a minute/);
    await index.whenReady();
    expect(inner.opens).toBe(4);
    expect(prepared).toEqual(['sync']);
    expect((await index.search(query))[0]!.track.id).toBe('a');
    await index.close();
  });

  it('does not retry what waiting cannot fix, and says search is off', async () => {
    const inner = new FlakyIndex([new AppError('collection holds other vectors'), outage()]);
    const index = deferred(inner, []);
    await index.open(CONFORMANCE_SPEC);
    await expect(index.whenReady()).rejects.toThrow('collection holds other vectors');
    await expect(index.count()).rejects.toThrow(/misconfigured/);
    expect(inner.opens).toBe(1);
  });

  it('treats a refused API key as permanent', async () => {
    const inner = new FlakyIndex([
      new UpstreamError('qdrant', 'Qdrant refused the API key', { status: 401 }),
    ]);
    const index = deferred(inner, []);
    await index.open(CONFORMANCE_SPEC);
    await expect(index.whenReady()).rejects.toThrow(/API key/);
    expect(inner.opens).toBe(1);
  });

  it('stops retrying once closed', async () => {
    const inner = new FlakyIndex([outage(), outage(), outage()]);
    const index = deferred(inner, []);
    await index.open(CONFORMANCE_SPEC);
    const waiting = index.whenReady();
    await index.close();
    await expect(waiting).rejects.toThrow(/closed/);
    const opens = inner.opens;
    await new Promise((r) => setTimeout(r, 20));
    expect(inner.opens).toBe(opens);
  });
});
