import { tool } from '@langchain/core/tools';
import { z } from 'zod';
import { cardsToText, toCard, type TrackCard } from '../core/cards.js';
import type { Catalog } from '../core/catalog/catalog.js';
import { compileFilter } from '../core/catalog/track-index.js';
import type { Track } from '../core/catalog/track.js';
import type { AlsNeighbours } from '../core/recommender/als-neighbours.js';
import { moodPointOfTrack } from '../core/recommender/mood.js';
import type { Recommender } from '../core/recommender/recommender.js';
import { filterFields, filterFrom, limitField } from './schemas.js';

export const similarTracksSchema = z
  .object({
    track_id: z.string().max(200).optional().describe('Id of a song from an earlier tool result.'),
    query: z
      .string()
      .max(200)
      .optional()
      .describe(
        'The song in the listener\'s words when there is no id: "Skinny Love" or "Skinny Love by Bon Iver".',
      ),
    limit: limitField,
    ...filterFields,
  })
  .refine((v) => Boolean(v.track_id ?? v.query), { message: 'give track_id or query' });

export interface SimilarTracksDeps {
  catalog: Catalog;
  recommender: Recommender;
  /** Listening-data neighbours; absent when no ALS model was trained. */
  als?: AlsNeighbours | undefined;
}

/** How the songs were found, said in every explanation. */
export type SimilarityMethod = 'als-track' | 'als-artist' | 'emotion-theme';

export type SimilarTracksResult =
  | { status: 'ok'; seed: Track; method: SimilarityMethod; cards: TrackCard[] }
  | { status: 'ambiguous'; candidates: Track[] }
  | { status: 'not_found'; query: string };

const MATCH_FLOOR = 0.55;
const CLEAR_MATCH = 0.8;

/** Resolves the seed song: by id, or by fuzzy title/artist, asking "did you mean" when two are close. */
export function resolveSeed(
  input: { track_id?: string | undefined; query?: string | undefined },
  catalog: Catalog,
): Exclude<SimilarTracksResult, { status: 'ok' }> | { status: 'seed'; seed: Track } {
  if (input.track_id) {
    const seed = catalog.get(input.track_id);
    if (seed) return { status: 'seed', seed };
  }
  const query = input.query ?? input.track_id ?? '';
  const matches = catalog.search(query, 3);
  const top = matches[0];
  if (!top || top.score < MATCH_FLOOR) return { status: 'not_found', query };
  const second = matches[1];
  if (second && top.score < CLEAR_MATCH && top.score - second.score < 0.05) {
    return { status: 'ambiguous', candidates: matches.slice(0, 3).map((m) => m.track) };
  }
  return { status: 'seed', seed: top.track };
}

/**
 * Songs similar to a seed: by listening data at track level when the ALS model knows the song, by similar
 * artists when the model is artist-level, otherwise by emotion and theme; each explanation says which.
 */
export async function similarTracks(
  input: z.input<typeof similarTracksSchema>,
  deps: SimilarTracksDeps,
): Promise<SimilarTracksResult> {
  const resolved = resolveSeed(input, deps.catalog);
  if (resolved.status !== 'seed') return resolved;
  const { seed } = resolved;
  const limit = input.limit ?? 5;
  const filter = filterFrom(input);
  const exclude = input.exclude_track_ids ?? [];
  const accept = compileFilter({ ...filter, excludeIds: exclude });

  const level = deps.als?.levelFor(seed);
  if (deps.als && level) {
    const neighbours = deps.als
      .neighbours([seed.id], limit * 4, exclude)
      .filter((n) => accept(deps.catalog.get(n.trackId)!));
    const perArtist = new Map<string, number>();
    const cards: TrackCard[] = [];
    for (const n of neighbours) {
      const track = deps.catalog.get(n.trackId)!;
      const artist = track.artists[0]!.toLowerCase();
      if ((perArtist.get(artist) ?? 0) >= 2) continue;
      perArtist.set(artist, (perArtist.get(artist) ?? 0) + 1);
      const why =
        level === 'track'
          ? `listeners of “${seed.title}” also play it (listening data)`
          : `${n.artist ?? track.artists[0]} is a favourite of ${seed.artists[0]} listeners (similar artists, Last.fm listening data)`;
      cards.push(toCard(track, cards.length + 1, why));
      if (cards.length === limit) break;
    }
    if (cards.length > 0)
      return { status: 'ok', seed, method: level === 'track' ? 'als-track' : 'als-artist', cards };
  }

  const point = moodPointOfTrack(seed);
  const recs = await deps.recommender.recommend({
    emotions: seed.emotions.map((emotion, i) => ({ emotion, weight: 1 / (1 + 0.3 * i) })),
    mood: point,
    goal: 'match',
    theme: seed.summary,
    seedTrackIds: [seed.id],
    filter,
    excludeIds: exclude,
    limit,
  });
  const cards = recs.map((r) =>
    toCard(
      r.track,
      r.rank,
      `similar feel and theme to “${seed.title}”: ${r.track.emotions.slice(0, 2).join(', ')}`,
    ),
  );
  return { status: 'ok', seed, method: 'emotion-theme', cards };
}

export function similarResultToText(result: SimilarTracksResult): string {
  switch (result.status) {
    case 'not_found':
      return `No song matching "${result.query}" in the catalog. Ask the listener for the title and artist.`;
    case 'ambiguous':
      return `Ambiguous; did they mean: ${result.candidates.map((t) => `[${t.id}] ${t.title} — ${t.artists[0]}`).join('; ')}? Ask which.`;
    case 'ok':
      return `Similar to [${result.seed.id}] ${result.seed.title} — ${result.seed.artists[0]} (method: ${result.method}):\n${cardsToText(result.cards)}`;
  }
}

export function createSimilarTracksTool(deps: SimilarTracksDeps) {
  return tool(
    async (input) => {
      const result = await similarTracks(input, deps);
      return [similarResultToText(result), result.status === 'ok' ? result.cards : []] as [
        string,
        TrackCard[],
      ];
    },
    {
      name: 'similar_tracks',
      description:
        'Find songs similar to one song ("something like Skinny Love", "more like the second one"). Give the ' +
        "track_id from an earlier result or the song in the listener's words. Uses listening data when available, " +
        'otherwise emotion and theme. May answer that the song is unknown or ambiguous: then ask the listener.',
      schema: similarTracksSchema,
      responseFormat: 'content_and_artifact',
    },
  );
}
