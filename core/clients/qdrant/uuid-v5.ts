import { createHash } from 'node:crypto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** RFC 4122 §4.3 namespace for URLs (the standard constant). */
export const NAMESPACE_URL = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

/**
 * Namespace of moodtune track point ids: uuidV5(NAMESPACE_URL, 'https://moodtune.dev/track'). Changing it would
 * orphan every point already stored, so it is a literal, checked by a test.
 */
export const TRACK_NAMESPACE = 'fe713e3e-7fd5-5657-bfc2-742dca4e02ed';

/**
 * Name-based UUID, version 5 (SHA-1), RFC 4122 §4.3: the same name in the same namespace always gives the same
 * id. Qdrant point ids must be unsigned integers or UUIDs, so track ids (arbitrary strings) map through this.
 */
export function uuidV5(name: string, namespace: string): string {
  if (!UUID.test(namespace)) throw new TypeError(`namespace must be a UUID, got "${namespace}"`);
  const digest = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  const bytes = digest.subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The Qdrant point id of a track. */
export function trackPointId(trackId: string): string {
  return uuidV5(trackId, TRACK_NAMESPACE);
}
