import { beforeAll, describe, expect, it } from 'vitest';
import { UseEmbedder } from '../../../../../core/embeddings/use-embedder.js';
import { TrainedEmotionReader } from '../../../../../core/emotions/trained/trained-reader.js';

/**
 * The shipped weights with the real sentence encoder on sentences whose feeling is plain. A regression here
 * means a retrained model or a mapping change broke something people will notice.
 */
describe('trained reader golden set (shipped weights)', () => {
  let reader: TrainedEmotionReader;
  beforeAll(async () => {
    reader = await TrainedEmotionReader.load(new UseEmbedder());
  }, 120_000);

  it.each([
    ['I just got the job, I am so happy!!', ['joy', 'happiness', 'excitement']],
    ['Thank you so much for helping me move, I really appreciate it', ['gratitude']],
    ['My grandmother passed away this morning', ['grief', 'sadness']],
    ["I'm terrified about the biopsy results tomorrow", ['fear', 'nervousness', 'anxiety']],
    ['That is absolutely disgusting, I feel sick', ['disgust']],
    ["I'm so angry at him I could scream", ['anger', 'rage']],
    ["lmao that's hilarious 😂", ['amusement']],
    ['I love you so much', ['love']],
    ["I'm so sorry, it was my fault and I regret it", ['remorse', 'regret', 'guilt']],
    ["Wow, I didn't expect that at all!", ['surprise']],
    ["I'm so proud of my daughter for graduating", ['pride']],
    ['What a relief, the tests came back clear', ['relief']],
    ["I'm confused, I don't understand what happened", ['confusion']],
    ['me siento muy triste y sola', ['sadness', 'loneliness']],
    ['estoy muy feliz hoy', ['happiness', 'joy']],
    ['😭😭😭', ['sadness']],
  ])('%j → %j', async (text, expected) => {
    const reading = await reader.read(text);
    expect(expected).toContain(reading.emotions[0]?.emotion);
    expect(reading.confidence).toBeGreaterThanOrEqual(0.3);
  });

  it('does not read "not happy" as happy', async () => {
    const reading = await reader.read("I'm not happy at all");
    const terms = reading.emotions.map((e) => e.emotion);
    expect(terms).not.toContain('joy');
    expect(terms).not.toContain('happiness');
    expect(reading.valence).toBeLessThan(0);
  });

  it.each([
    ['empty', ''],
    ['emoji only', '🙃🙃'],
    ['10,000 characters', 'why does everything go wrong '.repeat(345)],
    ['mixed languages', 'hoy estoy so tired, pero happy 😂'],
    ['all caps', 'I CANNOT BELIEVE THEY DID THIS TO ME'],
  ])('reads %s input with the real encoder without throwing', async (_, text) => {
    const reading = await reader.read(text);
    expect(reading.reader).toBe('trained');
    expect(reading.confidence).toBeGreaterThanOrEqual(0);
  });

  it.each(['The meeting is at 5pm in room 204.', 'asdf qwer zxcv'])(
    'is neutral and unsure for %j',
    async (text) => {
      const reading = await reader.read(text);
      expect(reading.emotions.length === 0 || reading.confidence < 0.3).toBe(true);
    },
  );
});
