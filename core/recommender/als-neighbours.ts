import type { Catalog } from '../catalog/catalog.js';
import type { Track } from '../catalog/track.js';
import { foldText } from '../emotions/normalizer.js';
import type { AlsModel } from '../models/als/index.js';

/** A catalog song suggested by listening data, with how it was found. */
export interface AlsNeighbour {
  trackId: string;
  /** Cosine of item factors, 0…1. */
  score: number;
  /** 'track' when the model knows the song itself; 'artist' when it relates the artists. */
  level: 'track' | 'artist';
  /** The seed song whose neighbour this is. */
  seedId: string;
  /** For artist-level neighbours: the similar artist's name as the catalog writes it. */
  artist?: string;
}

const MAX_SONGS_PER_SIMILAR_ARTIST = 2;
/** Item cosine below which two items are not neighbours at all (top-k would otherwise pad with strangers). */
const MIN_SIMILARITY = 0.1;

/**
 * Maps catalog songs onto an ALS model, which may be track-level (item ids are catalog track ids) or
 * artist-level (item names are artist names, e.g. HetRec Last.fm), and answers "what do listeners of this song
 * also play" with catalog songs only.
 */
export class AlsNeighbours {
  private readonly artistItem = new Map<string, string>();
  private readonly tracksByArtist = new Map<string, Track[]>();

  constructor(
    readonly model: AlsModel,
    private readonly catalog: Catalog,
  ) {
    if (model.kind === 'artist') {
      for (const itemId of model.itemIds) {
        const name = model.itemName(itemId);
        if (name) this.artistItem.set(foldText(name), itemId);
      }
    }
    for (const track of catalog.tracks) {
      for (const artist of track.artists) {
        const key = foldText(artist);
        const list = this.tracksByArtist.get(key) ?? [];
        list.push(track);
        this.tracksByArtist.set(key, list);
      }
    }
  }

  /** How this model can relate a song: by the song itself, by its artist, or not at all. */
  levelFor(track: Track): 'track' | 'artist' | undefined {
    if (this.model.kind === 'track') return this.model.hasItem(track.id) ? 'track' : undefined;
    return track.artists.some((a) => this.artistItem.has(foldText(a))) ? 'artist' : undefined;
  }

  /**
   * Catalog songs that listeners of the seeds also play, best first, without the seeds and `exclude`.
   * Artist-level models contribute up to two songs per similar artist, chosen by shared emotions with the seed.
   */
  neighbours(seedIds: readonly string[], k: number, exclude: readonly string[] = []): AlsNeighbour[] {
    const skip = new Set([...seedIds, ...exclude]);
    const best = new Map<string, AlsNeighbour>();
    const keep = (n: AlsNeighbour) => {
      if (skip.has(n.trackId)) return;
      const current = best.get(n.trackId);
      if (!current || n.score > current.score) best.set(n.trackId, n);
    };
    for (const seedId of seedIds) {
      const seed = this.catalog.get(seedId);
      if (!seed) continue;
      const level = this.levelFor(seed);
      if (level === 'track') {
        for (const { id, score } of this.model.similarItems(seed.id, k * 3)) {
          if (score >= MIN_SIMILARITY && this.catalog.get(id)) keep({ trackId: id, score, level, seedId });
        }
      } else if (level === 'artist') {
        const seedArtists = new Set(seed.artists.map(foldText));
        for (const artist of seed.artists) {
          const item = this.artistItem.get(foldText(artist));
          if (!item) continue;
          for (const { id, score } of this.model.similarItems(item, 200)) {
            if (score < MIN_SIMILARITY) break;
            const name = this.model.itemName(id);
            const songs = name ? this.tracksByArtist.get(foldText(name)) : undefined;
            if (!songs || seedArtists.has(foldText(name!))) continue;
            const ranked = [...songs]
              .filter((t) => !skip.has(t.id))
              .sort((a, b) => shared(b, seed) - shared(a, seed))
              .slice(0, MAX_SONGS_PER_SIMILAR_ARTIST);
            for (const t of ranked)
              keep({
                trackId: t.id,
                score,
                level,
                seedId,
                artist: t.artists.find((a) => foldText(a) === foldText(name!)) ?? name!,
              });
          }
        }
      }
    }
    // Listening data decides; shared emotions with the seed break near-ties, so the feel stays close.
    const fit = (n: AlsNeighbour) => {
      const seed = this.catalog.get(n.seedId);
      const track = this.catalog.get(n.trackId);
      return n.score + (seed && track ? 0.03 * shared(track, seed) : 0);
    };
    return [...best.values()].sort((a, b) => fit(b) - fit(a)).slice(0, k);
  }
}

function shared(a: Track, b: Track): number {
  return a.emotions.filter((e) => b.emotions.includes(e)).length;
}
