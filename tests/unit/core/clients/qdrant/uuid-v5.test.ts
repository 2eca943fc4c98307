import { describe, expect, it } from 'vitest';
import {
  NAMESPACE_URL,
  TRACK_NAMESPACE,
  trackPointId,
  uuidV5,
} from '../../../../../core/clients/qdrant/uuid-v5.js';

const NAMESPACE_DNS = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';

describe('uuidV5', () => {
  // Reference values from Python's uuid.uuid5 (RFC 4122 §4.3); the first is the example in Python's docs.
  it.each([
    [NAMESPACE_DNS, 'python.org', '886313e1-3b8a-5372-9b90-0c9aee199e5d'],
    [NAMESPACE_URL, 'https://moodtune.dev/track', 'fe713e3e-7fd5-5657-bfc2-742dca4e02ed'],
    [TRACK_NAMESPACE, 'queen--bohemian-rhapsody', 'c52c6cea-0c9c-5281-9eac-51b40ee528d8'],
    [TRACK_NAMESPACE, 'maná--rayando-el-sol', '4a8a03c4-3ca3-568e-8c0b-6de1d072bd26'],
  ])('uuidV5(%s, %s) = %s', (namespace, name, expected) => {
    expect(uuidV5(name, namespace)).toBe(expected);
  });

  it('derives the track namespace from the URL namespace, so it can never drift', () => {
    expect(uuidV5('https://moodtune.dev/track', NAMESPACE_URL)).toBe(TRACK_NAMESPACE);
  });

  it('sets version 5 and the RFC 4122 variant, and is stable per name', () => {
    const id = trackPointId('any-track');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(trackPointId('any-track')).toBe(id);
    expect(trackPointId('any-track2')).not.toBe(id);
  });

  it('rejects a namespace that is not a UUID', () => {
    expect(() => uuidV5('x', 'not-a-uuid')).toThrow(/namespace must be a UUID/);
  });
});
