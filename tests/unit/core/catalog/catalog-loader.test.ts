import { describe, expect, it } from 'vitest';
import { parseCatalog } from '../../../../core/catalog/catalog-loader.js';
import { DataFileError } from '../../../../core/errors.js';
import { Catalog } from '../../../../core/catalog/catalog.js';
import { spotifyUrlOf, trackIdOf } from '../../../../core/catalog/track.js';

const good = (over: Record<string, unknown> = {}) =>
  JSON.stringify({
    id: 'bon-iver--skinny-love',
    title: 'Skinny Love',
    artists: ['Bon Iver'],
    year: 2007,
    genres: ['indie folk'],
    language: 'en',
    emotions: ['heartbreak', 'melancholy'],
    summary: 'A fragile plea at the end of a relationship.',
    ...over,
  });

describe('parseCatalog', () => {
  it('reads valid lines, skipping blanks and // comments', () => {
    const { tracks } = parseCatalog(`// demo\n${good()}\n\n${good({ id: 'x--y', title: 'Y' })}\n`, 'c.jsonl');
    expect(tracks.map((t) => t.id)).toEqual(['bon-iver--skinny-love', 'x--y']);
  });

  it.each([
    ['invalid JSON', '{"id": ', /line 1: not valid JSON/],
    ['an unknown emotion', good({ emotions: ['schadenfreude-ish'] }), /line 1: emotions\.0/],
    ['more than 8 emotions', good({ emotions: Array(9).fill('joy') }), /line 1: emotions/],
    ['a 30-word summary', good({ summary: Array(30).fill('word').join(' ') }), /at most 25 words/],
    ['a bad Spotify id', good({ spotifyId: 'abc' }), /22-character Spotify track id/],
    ['an unknown field (e.g. lyrics)', good({ lyrics: 'la la la' }), /line 1/],
  ])('reports %s with its line number and the path', (_label, line, pattern) => {
    expect(() => parseCatalog(line, '/data/catalog.jsonl')).toThrow(DataFileError);
    expect(() => parseCatalog(line, '/data/catalog.jsonl')).toThrow(pattern);
    expect(() => parseCatalog(line, '/data/catalog.jsonl')).toThrow('/data/catalog.jsonl');
  });

  it('reports duplicate ids with both lines', () => {
    expect(() => parseCatalog(`${good()}\n${good()}`, 'c')).toThrow(
      /line 2: duplicate id "bon-iver--skinny-love" \(first on line 1\)/,
    );
  });

  it('in lenient mode keeps good lines and returns the rejected ones', () => {
    const { tracks, rejected } = parseCatalog(`${good()}\nnope\n${good({ id: 'a--b' })}`, 'c', {
      lenient: true,
    });
    expect(tracks).toHaveLength(2);
    expect(rejected).toEqual([{ line: 2, message: expect.stringContaining('not valid JSON') as string }]);
  });

  it('refuses an empty catalog', () => {
    expect(() => parseCatalog('\n\n', 'empty.jsonl')).toThrow(/no tracks found/);
  });
});

describe('track helpers', () => {
  it('links to the track when the Spotify id is confirmed, else to a search', () => {
    expect(spotifyUrlOf({ spotifyId: '3n3Ppam7vgaVa1iaRUc9Lp', title: 'x', artists: ['y'] })).toBe(
      'https://open.spotify.com/track/3n3Ppam7vgaVa1iaRUc9Lp',
    );
    expect(spotifyUrlOf({ title: 'Rayando el Sol', artists: ['Maná'] })).toBe(
      'https://open.spotify.com/search/Man%C3%A1%20Rayando%20el%20Sol',
    );
  });

  it.each([
    ['Bon Iver', 'Skinny Love', 'bon-iver--skinny-love'],
    ['Maná', 'Rayando el Sol', 'mana--rayando-el-sol'],
    ['Simon & Garfunkel', 'The Boxer', 'simon-and-garfunkel--the-boxer'],
    ['*NSYNC', "It's Gonna Be Me", 'nsync--it-s-gonna-be-me'],
  ])('ids: %s / %s → %s', (artist, title, id) => {
    expect(trackIdOf(artist, title)).toBe(id);
  });
});

describe('Catalog fuzzy search', () => {
  const { tracks } = parseCatalog(
    [
      good(),
      good({ id: 'coldplay--fix-you', title: 'Fix You', artists: ['Coldplay'] }),
      good({ id: 'coldplay--yellow', title: 'Yellow', artists: ['Coldplay'] }),
    ].join('\n'),
    'c',
  );
  const catalog = new Catalog(tracks);

  it.each([
    ['skinny love', 'bon-iver--skinny-love'],
    ['Skiny Luv', 'bon-iver--skinny-love'],
    ['fix you by coldplay', 'coldplay--fix-you'],
    ['YELLOW', 'coldplay--yellow'],
  ])('%j → %s', (query, id) => {
    expect(catalog.search(query)[0]?.track.id).toBe(id);
  });

  it('finds nothing for unrelated text', () => {
    expect(catalog.search('quantum chromodynamics')).toEqual([]);
  });

  it('finds artists by folded name', () => {
    expect(catalog.findArtists('COLDPLAY')).toEqual(['Coldplay']);
    expect(catalog.findArtists('nobody')).toEqual([]);
  });
});
