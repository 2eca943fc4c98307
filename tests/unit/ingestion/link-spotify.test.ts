import { describe, expect, it } from 'vitest';
import {
  artistKeysOf,
  isVariantTitle,
  linkSpotify,
  normalizeArtist,
  normalizeTitle,
  parseCsv,
  type LinkableTrack,
  type SpotifyTableRow,
} from '../../../ingestion/link-spotify.js';

const ID_A = 'AAAAAAAAAAAAAAAAAAAAAA';
const ID_B = 'BBBBBBBBBBBBBBBBBBBBBB';

function row(artist: string, title: string, spotifyId = ID_A, popularity = 70): SpotifyTableRow {
  return { artist, title, spotifyId, popularity, source: 'test' };
}

describe('normalizeTitle', () => {
  it.each([
    ['Here Comes The Sun - Remastered 2009', 'here comes the sun'],
    ['lovely (with Khalid)', 'lovely'],
    ['Get Lucky (feat. Pharrell Williams & Nile Rodgers) - Radio Edit', 'get lucky'],
    ['Despacito feat. Daddy Yankee', 'despacito'],
    ['Tú Sí Sabes Quererme', 'tu si sabes quererme'],
    ['Don’t Stop Me Now', 'dont stop me now'],
    ['Yo x Ti, Tu x Mi', 'yo x ti tu x mi'],
    ['(I Can’t Get No) Satisfaction', 'satisfaction'],
    ['(Untitled)', 'untitled'],
  ])('folds %j to %j', (input, expected) => {
    expect(normalizeTitle(input)).toBe(expected);
  });
});

describe('artist normalizing', () => {
  it.each([
    ['ROSALÍA', 'rosalia'],
    ['The Beatles', 'beatles'],
    ['Simon & Garfunkel', 'simon and garfunkel'],
    ['Maná', 'mana'],
  ])('normalizes %j to %j', (input, expected) => {
    expect(normalizeArtist(input)).toBe(expected);
  });

  it('keeps a whole band name and each credited artist as keys', () => {
    expect([...artistKeysOf('Earth, Wind & Fire')]).toContain('earth wind and fire');
    expect([...artistKeysOf('Lil Baby & Gunna')]).toEqual(expect.arrayContaining(['lil baby', 'gunna']));
  });
});

describe('isVariantTitle', () => {
  it.each([
    ['Heaven - David Guetta & MORTEN Remix', true],
    ['Zombie - Acoustic Version', true],
    ['Take On Me - MTV Unplugged', true],
    ['Dunno - Recorded at Spotify Studios NYC', true],
    ['Here Comes The Sun - Remastered 2009', false],
    ['Get Lucky (feat. Pharrell Williams) - Radio Edit', false],
    ['Live Forever', false],
  ])('%j is a variant: %s', (title, expected) => {
    expect(isVariantTitle(title)).toBe(expected);
  });
});

describe('linkSpotify', () => {
  it.each([
    {
      name: 'matches through a remaster suffix and different case',
      track: { title: 'Here Comes the Sun', artists: ['The Beatles'] },
      rows: [row('The Beatles', 'Here Comes The Sun - Remastered 2009')],
      expected: ID_A,
    },
    {
      name: 'matches through a feat. credit in the table title',
      track: { title: 'Lovely', artists: ['Billie Eilish', 'Khalid'] },
      rows: [row('Billie Eilish', 'lovely (with Khalid)')],
      expected: ID_A,
    },
    {
      name: 'matches through accents on both artist and title',
      track: { title: 'Tú Sí Sabes Quererme', artists: ['Natalia Lafourcade'] },
      rows: [row('NATALIA LAFOURCADE', 'Tu Si Sabes Quererme (feat. Los Macorinos)')],
      expected: ID_A,
    },
    {
      name: 'matches a featured artist credited in the table artist field',
      track: { title: 'Adicto', artists: ['Anuel AA'] },
      rows: [row('Tainy, Anuel AA & Ozuna', 'Adicto')],
      expected: ID_A,
    },
    {
      name: 'leaves a track without id when the artist differs (a cover)',
      track: { title: 'Zombie', artists: ['The Cranberries'] },
      rows: [row('Bad Wolves', 'Zombie')],
      expected: undefined,
    },
    {
      name: 'leaves a track without id when only a remix is in the table',
      track: { title: 'Heaven', artists: ['Avicii'] },
      rows: [row('Avicii', 'Heaven - David Guetta & MORTEN Remix')],
      expected: undefined,
    },
    {
      name: 'never matches a row without an artist',
      track: { title: 'La Gata Bajo la Lluvia', artists: ['Rocío Dúrcal'] },
      rows: [row('', 'La Gata Bajo La Lluvia')],
      expected: undefined,
    },
    {
      name: 'leaves a track without id when no title matches',
      track: { title: 'Yesterday', artists: ['The Beatles'] },
      rows: [row('The Beatles', 'Let It Be')],
      expected: undefined,
    },
    {
      name: 'prefers an untrimmed title, then the more popular row',
      track: { title: 'Someone Like You', artists: ['Adele'] },
      rows: [row('Adele', 'Someone Like You - Live', ID_A, 90), row('Adele', 'Someone Like You', ID_B, 60)],
      expected: ID_B,
    },
  ])('$name', ({ track, rows, expected }) => {
    const [linked] = linkSpotify<LinkableTrack>([track], rows);
    expect(linked?.spotifyId).toBe(expected);
  });

  it('copies popularity with the id and keeps an existing id', () => {
    const [fresh, kept] = linkSpotify<LinkableTrack>(
      [
        { title: 'Africa', artists: ['Toto'] },
        { title: 'Africa', artists: ['Toto'], spotifyId: ID_B },
      ],
      [row('TOTO', 'Africa', ID_A, 84)],
    );
    expect(fresh).toMatchObject({ spotifyId: ID_A, popularity: 84 });
    expect(kept).toMatchObject({ spotifyId: ID_B });
    expect(kept?.popularity).toBeUndefined();
  });
});

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    const text = 'name,artist\n"Rocket Man (Long, Long Time)",Elton John\n"Say ""Hi""\nagain",X\r\n';
    expect(parseCsv(text)).toEqual([
      { name: 'Rocket Man (Long, Long Time)', artist: 'Elton John' },
      { name: 'Say "Hi"\nagain', artist: 'X' },
    ]);
  });
});
